// The words of a draft quotation, with the writer's marks of editing: an ellipsis (… ... . . . […])
// marks an omission; [brackets] mark editorial words that replace or clarify a few source words.
// Brackets glued to a word ("[T]he", "Russia['s]") only change letters and are read through.
import type { Span } from '../types';
import { tokenize } from '../text/normalize';
import { Gap } from './align';
import { Mask } from './draft';

export interface DraftWord {
  key: string;
  start: number;
  end: number;
  /** Inside editorial brackets. */
  inBracket: boolean;
}

export interface Marker {
  kind: 'ellipsis' | 'bracket';
  span: Span;
  /** Index of the first non-bracket word after the marker. */
  row: number;
}

export interface QuotationWords {
  /** Every word, bracket contents included (for the exact tier). */
  all: DraftWord[];
  /** Words outside editorial brackets. */
  pieces: DraftWord[];
  /** gaps[k]: what lies between pieces[k-1] and pieces[k] (Gap.*); length pieces.length + 1. */
  gaps: Uint8Array;
  markers: Marker[];
}

const ELLIPSIS = /^(?:\[\s*(?:…|\.\s?\.\s?\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\s?\.\s?\.\.?)/;
const WORDCHAR = /[\p{L}\p{N}]/u;

export function quotationWords(text: string, mask: Uint8Array, span: Span): QuotationWords {
  let qs = '';
  const map: number[] = [];
  const inBr: boolean[] = [];
  const raw: Array<{ kind: Marker['kind']; at: number; span: Span }> = [];
  const omit = new Set<number>();
  let bracketEnd = -1;
  for (let i = span.start; i < span.end; ) {
    if (mask[i] !== Mask.Prose || omit.has(i)) {
      if (!omit.has(i)) {
        qs += ' ';
        map.push(i);
        inBr.push(false);
      }
      i++;
      continue;
    }
    const c = text[i];
    if (c === '.' || c === '…' || c === '[' || c === '(') {
      const m = ELLIPSIS.exec(text.slice(i, Math.min(span.end, i + 12)));
      if (m) {
        raw.push({ kind: 'ellipsis', at: qs.length, span: { start: i, end: i + m[0].length } });
        qs += ' ';
        map.push(i);
        inBr.push(false);
        i += m[0].length;
        continue;
      }
    }
    if (c === '[' && i > bracketEnd) {
      const close = text.indexOf(']', i);
      if (close > i && close < span.end && !text.slice(i, close).includes('\n')) {
        const glued = (i > span.start && WORDCHAR.test(text[i - 1])) || (close + 1 < span.end && WORDCHAR.test(text[close + 1]));
        const link = close + 1 < text.length && (text[close + 1] === '(' || text[close + 1] === '[' || mask[close + 1] === Mask.Hidden);
        if (glued || link) {
          omit.add(close);
          i++;
          continue;
        }
        raw.push({ kind: 'bracket', at: qs.length, span: { start: i, end: close + 1 } });
        qs += ' ';
        map.push(i);
        inBr.push(true);
        for (let k = i + 1; k < close; k++) {
          qs += mask[k] === Mask.Prose ? text[k] : ' ';
          map.push(k);
          inBr.push(true);
        }
        qs += ' ';
        map.push(close);
        inBr.push(true);
        bracketEnd = close;
        i = close + 1;
        continue;
      }
    }
    qs += c;
    map.push(i);
    inBr.push(false);
    i++;
  }
  map.push(span.end);
  const toks = tokenize(qs);
  const all: DraftWord[] = toks.map((t) => ({ key: t.key, start: map[t.start], end: map[t.end - 1] + 1, inBracket: inBr[t.start] }));
  const pieces = all.filter((w) => !w.inBracket);
  const gaps = new Uint8Array(pieces.length + 1);
  const markers: Marker[] = [];
  for (const r of raw) {
    // Row: number of piece words that end before the marker.
    let row = 0;
    for (const t of toks) if (!inBr[t.start] && t.end <= r.at) row++;
    markers.push({ kind: r.kind, span: r.span, row });
    const g = r.kind === 'ellipsis' ? Gap.Ellipsis : Gap.Bracket;
    if (gaps[row] === Gap.None || g === Gap.Ellipsis) gaps[row] = g;
  }
  return { all, pieces, gaps, markers };
}
