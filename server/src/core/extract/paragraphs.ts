import type { Span } from '../types';

/**
 * Paragraphs of a body: blocks of text separated by blank lines, each trimmed of surrounding
 * whitespace. Offsets are into the whole text. Linear in the text length.
 */
export function paragraphsOf(text: string, bodyStart: number): Span[] {
  const out: Span[] = [];
  const n = text.length;
  let i = Math.max(0, Math.min(bodyStart, n));
  let blockStart = -1;
  let lastContentEnd = -1;
  while (i < n) {
    const nl = text.indexOf('\n', i);
    const lineEnd = nl < 0 ? n : nl;
    // first and last non-whitespace characters of the line
    let a = i;
    while (a < lineEnd && isWs(text.charCodeAt(a))) a++;
    if (a === lineEnd) {
      if (blockStart >= 0) out.push({ start: blockStart, end: lastContentEnd });
      blockStart = -1;
    } else {
      let b = lineEnd;
      while (b > a && isWs(text.charCodeAt(b - 1))) b--;
      if (blockStart < 0) blockStart = a;
      lastContentEnd = b;
    }
    i = lineEnd + 1;
  }
  if (blockStart >= 0) out.push({ start: blockStart, end: lastContentEnd });
  return out;
}

/** Whitespace, including the no-break and other Unicode spaces news text carries. */
export function isWs(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0x2028 || c === 0x2029 ||
    (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Index of the paragraph holding `offset` (binary search), or -1. */
export function paragraphIndexAt(paragraphs: Span[], offset: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = paragraphs[mid];
    if (offset < p.start) hi = mid - 1;
    else if (offset >= p.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
