// The quotes of a benchmark corpus, kept in <tmpdir>/verbatim-bench-quotes-x<scale>.json after the first load
// (analysing ×20 takes minutes), and an index of only them: what QuoteSearch and completionPrefixes read.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceIndex } from '../server/src/core/index/sourceIndex';
import type { Quote } from '../server/src/core/types';
import { loadIndex } from '../server/src/node/loadSources';
import { ensureCorpus } from './corpus';

export async function loadQuotes(scale: number): Promise<Quote[]> {
  const file = join(tmpdir(), `verbatim-bench-quotes-x${scale}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const corpus = ensureCorpus(scale).dir;
  const { index } = await loadIndex({ specs: [corpus], cwd: corpus, bundled: false });
  const quotes = index.quotes();
  writeFileSync(file, JSON.stringify(quotes));
  return quotes;
}

/** Only what QuoteSearch and completionPrefixes read of a SourceIndex: the quotes, once. */
export function quotesOnly(quotes: Quote[]): SourceIndex {
  return { version: 1, quotes: () => quotes, changesSince: () => undefined } as unknown as SourceIndex;
}
