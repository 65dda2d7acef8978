// V8's optimising compiler (TurboFan) is held back while the server starts, and a start from the index cache keeps
// it held until its sources are in (lsp/workspace.ts lets it go before a loop that analyses, or one longer than
// HOLD_MAX_RECORDS). Loading the bundle, the handshake and decoding a record per source run once, and at BBC ×1 they
// are over before TurboFan's work pays: it compiled them on V8's other threads for 60–80 ms of CPU, in a start of
// 300–330 (bench/cacheStart.bench.ts, before and held in turn, 3 rounds of 5: CPU to "ready" 300–330 ms against
// 240–250 ms, "ready" 232–258 ms against 220–221 ms). In a longer loop optimised code pays: held over 5,000 of BBC
// ×20's 44,500 records, its start took 0.1–0.25 s longer. Held code runs as before V8 found it hot (interpreted or
// baseline).
// V8 reads the flag each time a function gets hot, so setting it at run time takes effect. A choice the user made on
// the command line (--turbofan, --opt, their --no- forms, --jitless) is left alone.
import { setFlagsFromString } from 'node:v8';

/** A start from the cache with more records than this runs its loop optimised. */
export const HOLD_MAX_RECORDS = 5000;

/** The hold ends by itself after this long (a client that never asks for the sources to be indexed). */
const HOLD_MAX_MS = 5000;

const USER_FLAGS = ['--turbofan', '--no-turbofan', '--opt', '--no-opt', '--jitless'];

let held = false;
let timer: NodeJS.Timeout | undefined;

/** Stops V8 from optimising functions that get hot (unless the command line has its say); whether it did. */
export function holdOptimization(opts: { execArgv?: readonly string[]; maxMs?: number } = {}): boolean {
  const execArgv = opts.execArgv ?? process.execArgv;
  if (held || execArgv.some((a) => USER_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)))) return false;
  held = true;
  setFlagsFromString('--no-turbofan');
  timer = setTimeout(releaseOptimization, opts.maxMs ?? HOLD_MAX_MS);
  timer.unref();
  return true;
}

/** Lets V8 optimise again: functions that are hot are optimised as they run on. */
export function releaseOptimization(): void {
  if (!held) return;
  held = false;
  clearTimeout(timer);
  timer = undefined;
  setFlagsFromString('--turbofan');
}

/** Whether optimisation is held now (for tests). */
export function isOptimizationHeld(): boolean {
  return held;
}
