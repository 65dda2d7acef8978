import type { AnalyzedSource } from '../types';
import { parseFrontMatter, idFromPath } from './frontMatter';
import { extractQuotes } from '../extract/quotes';
import { attributeQuotes } from '../extract/attribution';
import { findEntities } from '../entities/entities';

/**
 * Analyses one source document: front matter, quotes, speakers and entities.
 * Pure: the caller reads and decodes the file (see decode.ts) and passes the text in.
 */
export function analyzeSource(path: string, text: string): AnalyzedSource {
  const fm = parseFrontMatter(text);
  const meta = { ...fm.meta, id: fm.meta.id ?? idFromPath(path) };
  const extraction = extractQuotes(text, fm.bodyStart);
  const entities = findEntities(text, fm.bodyStart, meta.id, extraction.quotes);
  const quotes = attributeQuotes(text, fm.bodyStart, meta, extraction.quotes, entities);
  return {
    path,
    meta,
    text,
    bodyStart: fm.bodyStart,
    quotes,
    entities,
    problems: [...fm.problems, ...extraction.problems],
  };
}
