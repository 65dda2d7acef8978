import type { Entity, Quote, SourceMeta } from '../types';

// PLACEHOLDER (to be replaced): sets sourceId, no speakers.
export function attributeQuotes(
  _text: string,
  _bodyStart: number,
  meta: SourceMeta,
  quotes: Quote[],
  _entities: Entity[],
): Quote[] {
  return quotes.map((q) => ({ ...q, sourceId: meta.id }));
}
