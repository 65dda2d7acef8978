// Shared by the pool tests: the index as plain data to compare, and waiting for a condition with a deadline.
import type { SourceIndex } from '../../../server/src/core/index/sourceIndex';

/** Everything the features read from an index, as JSON: sources (meta, text, quotes, entities), merged entities, speakers. */
export function indexDump(index: SourceIndex): { perSource: [string, string][]; merged: string } {
  const perSource = index.sources.map((s): [string, string] => [s.path, JSON.stringify(s)]);
  const merged = JSON.stringify({ quotes: index.quotes(), entities: index.entities(), speakers: index.speakers() });
  return { perSource, merged };
}

/** Resolves when `check` holds; fails after `timeoutMs` naming what was awaited. Polls: the pool has no event for it. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
