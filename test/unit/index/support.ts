// Shared by the index tests: a sample of sources (the BBC set when it is there, else the bundled corpus and the LSP
// fixture), and a seeded generator.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../../../server/src/core/sources/analyze';
import type { AnalyzedSource } from '../../../server/src/core/types';
import type { SourceIndex } from '../../../server/src/core/index/sourceIndex';
import { rng } from '../../support/rng';
export { rng };

export const ROOT = join(__dirname, '..', '..', '..');
const BBC = join(ROOT, '..', 'shared', 'data', 'bbc-news');


/** Up to `n` analysed sources: every k-th BBC article of each category, or the small corpora of the repository. */
export function sampleSources(n: number): AnalyzedSource[] {
  const out: AnalyzedSource[] = [];
  if (existsSync(BBC)) {
    const cats = ['business', 'entertainment', 'politics', 'sport', 'tech'];
    for (let i = 0; out.length < n; i++) {
      const c = cats[i % cats.length];
      const files = readdirSync(join(BBC, c)).sort();
      const f = files[Math.floor(i / cats.length) * 7 % files.length];
      const file = join(BBC, c, f);
      if (out.some((s) => s.path === file)) break;
      out.push(analyzeSource(file, readFileSync(file, 'latin1')));
    }
    return out;
  }
  for (const dir of [join(ROOT, 'corpus'), join(ROOT, 'test', 'fixtures', 'lsp', 'workspace', 'sources')])
    for (const f of readdirSync(dir).filter((x) => /\.(md|txt)$/.test(x))) out.push(analyzeSource(join(dir, f), readFileSync(join(dir, f), 'utf8')));
  return out;
}

/** The same source with its text changed: a quoted sentence added (new words, a new quote, a new speaker). */
export function edited(s: AnalyzedSource, r: number): AnalyzedSource {
  return analyzeSource(s.path, `${s.text}\n\n"Nothing about number ${r} was ever decided here," said Jane Tester${r % 3}.\n`);
}

/**
 * Random changes to an index, the same for a seed: a source edited, removed, or a removed one restored.
 * `check(round, random)` runs after every `every`-th change, so each test compares its structure with a fresh one.
 */
export function churn(index: SourceIndex, seed: number, rounds: number, every: number, check: (round: number, random: () => number) => void): void {
  const random = rng(seed);
  const removed: AnalyzedSource[] = [];
  for (let r = 0; r < rounds; r++) {
    const live = index.sources;
    const s = live[Math.floor(random() * live.length)];
    const op = random();
    if (op < 0.5) index.upsert(edited(s, r));
    else if (op < 0.8) {
      index.remove(s.path);
      removed.push(s);
    } else if (removed.length) index.upsert(removed.pop()!);
    if (r % every === every - 1) check(r, random);
  }
}
