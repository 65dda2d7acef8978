import type { Entity, Quote } from '../types';

// PLACEHOLDER (to be replaced): no entities.
export function findEntities(_text: string, _bodyStart: number, _sourceId: string, _quotes: Quote[]): Entity[] {
  return [];
}
