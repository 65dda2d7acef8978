// V8's optimising compiler waits while the server starts (node/optimizationHold.ts): held, a function that gets hot
// is not optimised; released, it is, as it runs on. The workspace keeps the hold through a start that takes every
// source from the index cache, and lets it go before anything is analysed and once the first indexing is done.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { SourceWorkspace, type WorkspaceHost } from '../../../server/src/lsp/workspace';
import { holdOptimization, isOptimizationHeld, releaseOptimization } from '../../../server/src/node/optimizationHold';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { waitUntil } from '../pool/support';

// V8's own report on a function (natives syntax, allowed for code compiled from here on).
setFlagsFromString('--allow-natives-syntax');
const optimizationStatus = new Function('f', 'return %GetOptimizationStatus(f)') as (f: unknown) => number;
/** V8's OptimizationStatus bit for "runs optimised code". */
const OPTIMIZED = 1 << 4;

/** A new hot function (its own feedback, never optimised yet). */
const hotFunction = () => new Function('a', 'b', 'let s = 0; for (let i = 0; i < 20; i++) s += (a * i) ^ b; return s;') as (a: number, b: number) => number;

/** Calls `f` until V8 runs it optimised or `maxCalls` have been made; whether it was optimised. */
function runUntilOptimized(f: (a: number, b: number) => number, maxCalls: number): boolean {
  let sink = 0;
  for (let i = 0; i < maxCalls; i++) {
    sink += f(i, 3);
    if (i % 1000 === 0 && optimizationStatus(f) & OPTIMIZED) return sink !== 0.5;
  }
  return (optimizationStatus(f) & OPTIMIZED) !== 0 && sink !== 0.5;
}

test('held, a hot function is not optimised; released, it is as it runs on', () => {
  assert.ok(holdOptimization({ execArgv: [] }));
  assert.equal(holdOptimization({ execArgv: [] }), false, 'held once');
  const f = hotFunction();
  assert.equal(runUntilOptimized(f, 3_000_000), false, 'not optimised while held, after 3 million calls');
  releaseOptimization();
  assert.equal(isOptimizationHeld(), false);
  assert.equal(runUntilOptimized(f, 30_000_000), true, 'optimised once released');
  assert.equal(runUntilOptimized(hotFunction(), 30_000_000), true, 'and so is a function that gets hot afterwards');
});

test("the user's choice on the command line is left alone", () => {
  for (const flag of ['--no-opt', '--turbofan', '--no-turbofan', '--jitless'])
    assert.equal(holdOptimization({ execArgv: ['--expose-gc', flag] }), false, flag);
  assert.equal(isOptimizationHeld(), false);
});

test('a hold that nobody ends ends by itself', async () => {
  assert.ok(holdOptimization({ execArgv: [], maxMs: 20 }));
  await waitUntil(() => !isOptimizationHeld(), 'the hold to end by itself', 5000);
});

// --- the workspace -----------------------------------------------------------------------------------------------

function host(): WorkspaceHost {
  return { log: () => undefined, showMessage: () => undefined, beginProgress: async () => undefined, onStatus: () => undefined, onIndexChanged: () => undefined };
}

/** A workspace on `dir` with an index cache; records, for each source added to the index, whether the hold was on. */
function workspace(dir: string, holdMaxRecords?: number): { ws: SourceWorkspace; heldAt: Map<string, boolean> } {
  const ws = new SourceWorkspace(host(), { holdMaxRecords });
  ws.settings = { ...DEFAULT_SETTINGS, includeBundledCorpus: false };
  ws.folders = [{ uri: pathToFileURL(dir).href, path: dir, name: 'ws' }];
  ws.cacheDir = join(dir, 'cache');
  const heldAt = new Map<string, boolean>();
  const upsert = ws.index.upsert.bind(ws.index);
  ws.index.upsert = (source, opts) => {
    heldAt.set(source.path.split(/[\\/]/).pop()!, isOptimizationHeld());
    return upsert(source, opts);
  };
  return { ws, heldAt };
}

test('the workspace holds through a start from the cache, lets go before a file is analysed, and after the first indexing', { timeout: 60_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-opt-hold-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'sources'));
  const names = ['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md', 'g.md', 'z.md'];
  for (const n of names) writeFileSync(join(dir, 'sources', n), `“Prices will change in ${n},” said Ann Smith.\n`);

  // Cold (no cache yet): the hold goes before the first file is analysed.
  assert.ok(holdOptimization({ execArgv: [] }));
  const cold = workspace(dir);
  await cold.ws.reindex();
  assert.deepEqual([...cold.heldAt.values()].filter(Boolean), [], 'no source was added under the hold');
  assert.equal(isOptimizationHeld(), false);
  await cold.ws.flushCache();
  assert.ok(existsSync(join(dir, 'cache', 'verbatim-sources.cache')));

  // Every source from the cache: held to the end of the indexing, then let go.
  assert.ok(holdOptimization({ execArgv: [] }));
  const cached = workspace(dir);
  await cached.ws.reindex();
  assert.deepEqual([...cached.heldAt].filter(([, held]) => !held), [], 'every source from the cache was added under the hold');
  assert.equal(cached.heldAt.size, names.length);
  assert.equal(isOptimizationHeld(), false, 'let go once the first indexing is done');

  // More sources than a hold is kept for: let go before the first.
  assert.ok(holdOptimization({ execArgv: [] }));
  const many = workspace(dir, names.length - 1);
  await many.ws.reindex();
  assert.deepEqual([...many.heldAt].filter(([, held]) => held), [], 'no source was added under the hold');
  assert.equal(many.heldAt.size, names.length);

  // The last file changed: it is analysed, and the hold is gone by then.
  writeFileSync(join(dir, 'sources', 'z.md'), '“Prices will rise,” said Bob Jones.\n');
  assert.ok(holdOptimization({ execArgv: [] }));
  const changed = workspace(dir);
  await changed.ws.reindex();
  assert.equal(changed.heldAt.get('a.md'), true, 'the first source, from the cache, under the hold');
  assert.equal(changed.heldAt.get('z.md'), false, 'the changed source, analysed after the hold was let go');
  assert.equal(isOptimizationHeld(), false);
  assert.ok(changed.ws.index.quotes().some((q) => q.speaker === 'Bob Jones'));
});
