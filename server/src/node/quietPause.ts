// The pause of work done in the background on the server's thread (the index cache's save): it waits until a short
// pause passes with the event loop left alone. A request is handled in several turns of the event loop (vscode-jsonrpc
// reads it, handles it and writes the answer each in a setImmediate of its own), so a fixed pause let the background
// work back in between those turns: at BBC ×20 a completion waited for three slices. (`performance` is Node's global:
// the bundles may load only allow-listed modules: test/robustness/security.test.ts.)

export interface QuietPauseOptions {
  /** Length of one pause (ms). */
  pauseMs: number;
  /** Other work in a pause above this (ms) makes another pause. */
  busyMs?: number;
  /** At most this many pauses in a row: work in the background still gets on when the server is always busy. */
  maxPauses?: number;
  /** Stops pausing at once (a save that must finish now). */
  hurry?: () => boolean;
}

/** Resolves after a pause in which the event loop was left alone, or after `maxPauses` pauses. */
export async function quietPause(opts: QuietPauseOptions): Promise<void> {
  const busyMs = opts.busyMs ?? 1;
  const maxPauses = opts.maxPauses ?? 25;
  for (let i = 0; i < maxPauses && !opts.hurry?.(); i++) {
    const before = performance.eventLoopUtilization();
    await new Promise<void>((resolve) => setTimeout(resolve, opts.pauseMs));
    if (performance.eventLoopUtilization(before).active < busyMs) return;
  }
}
