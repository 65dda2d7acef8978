import type { Problem, Quote } from '../types';

export interface Extraction {
  quotes: Quote[];
  problems: Problem[];
}

// PLACEHOLDER (to be replaced by the real extractor): pairs of double marks inside one paragraph.
export function extractQuotes(text: string, bodyStart: number): Extraction {
  const quotes: Quote[] = [];
  const re = /[“"]([^“”"\n]+)[”"]/g;
  re.lastIndex = bodyStart;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + 1;
    const pStart = text.lastIndexOf('\n', m.index) + 1;
    const nl = text.indexOf('\n', m.index);
    quotes.push({
      id: quotes.length,
      sourceId: '',
      text: m[1],
      span: { start, end: start + m[1].length },
      speaker: null,
      kind: m[1].split(/\s+/).length >= 5 ? 'statement' : 'fragment',
      paragraph: { start: pStart, end: nl < 0 ? text.length : nl },
    });
  }
  return { quotes, problems: [] };
}
