import type { AnalyzedSource } from '../types';
import { parseFrontMatter, idFromPath } from './frontMatter';
import { extractQuotes } from '../extract/quotes';
import { attributeQuotes } from '../extract/attribution';
import { findEntities } from '../entities/entities';
import { paragraphsOf } from '../extract/paragraphs';

/**
 * Analyses one source document: front matter, quotes, speakers and entities.
 * Pure: the caller reads and decodes the file (see decode.ts) and passes the text in.
 */
export function analyzeSource(path: string, text: string): AnalyzedSource {
  const fm = parseFrontMatter(text);
  const meta = { ...fm.meta, id: fm.meta.id ?? idFromPath(path) };
  // the body's paragraphs, found once for the three steps (each used to find them again)
  const paragraphs = paragraphsOf(text, fm.bodyStart);
  const extraction = extractQuotes(text, fm.bodyStart, paragraphs);
  const entities = findEntities(text, fm.bodyStart, meta.id, extraction.quotes, paragraphs);
  const quotes = attributeQuotes(text, fm.bodyStart, meta, extraction.quotes, entities, paragraphs);
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
