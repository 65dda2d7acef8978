// Hand-made sources whose quotes, speakers and entities the tests control (independent of the extractor):
// test/fixtures/drafts/sources.json gives each source's text and its quotes by their words; spans are
// computed here. Plus the bundled article, analysed for real.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceIndex } from '../../../../server/src/core/index/sourceIndex';
import { analyzeSource } from '../../../../server/src/core/sources/analyze';
import type { AnalyzedSource, Entity, EntityType, Quote } from '../../../../server/src/core/types';

export const ROOT = join(__dirname, '..', '..', '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'drafts');
export const SEED_PATH = join(ROOT, 'corpus', 'bne-2021-12-07-putin-biden-summit.txt');
export const SEED_ID = 'bne-2021-12-07-putin-biden-summit';

export interface HandQuote {
  text: string;
  speaker: string | null;
  group?: number;
}
export interface HandEntity {
  name: string;
  type: EntityType;
  aliases: string[];
  role?: string;
  affiliation?: string;
}
export interface HandSource {
  path: string;
  id: string;
  outlet?: string;
  author?: string;
  text: string;
  quotes: HandQuote[];
  entities?: HandEntity[];
}

/** Builds an AnalyzedSource by hand: each quote is found by its words in the text. */
export function handSource(h: HandSource): AnalyzedSource {
  const bodyStart = h.text.startsWith('---\n') ? h.text.indexOf('\n---\n', 4) + 5 : 0;
  let from = bodyStart;
  const quotes: Quote[] = h.quotes.map((q, i) => {
    const start = h.text.indexOf(q.text, from);
    if (start < 0) throw new Error(`hand source ${h.id}: quote not found: ${q.text}`);
    from = start + q.text.length;
    const pStart = h.text.lastIndexOf('\n', start) + 1;
    const nl = h.text.indexOf('\n', start);
    return {
      id: i,
      sourceId: h.id,
      text: q.text,
      span: { start, end: start + q.text.length },
      speaker: q.speaker,
      kind: 'statement',
      paragraph: { start: pStart, end: nl < 0 ? h.text.length : nl },
      ...(q.group !== undefined ? { group: q.group } : {}),
    };
  });
  const entities: Entity[] = (h.entities ?? []).map((e) => ({ ...e, mentions: [] }));
  return {
    path: h.path,
    meta: { id: h.id, ...(h.outlet ? { outlet: h.outlet } : {}), ...(h.author ? { author: h.author } : {}) },
    text: h.text,
    bodyStart,
    quotes,
    entities,
    problems: [],
  };
}

export function handSources(): HandSource[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'sources.json'), 'utf8')) as HandSource[];
}

export function seedSource(): AnalyzedSource {
  return analyzeSource(SEED_PATH, readFileSync(SEED_PATH, 'utf8'));
}

/** The fixture index: the hand-made sources and the bundled article. */
export function fixtureIndex(opts: { seed?: boolean } = {}): SourceIndex {
  const index = new SourceIndex();
  for (const h of handSources()) index.upsert(handSource(h));
  if (opts.seed ?? true) index.upsert(seedSource());
  return index;
}
