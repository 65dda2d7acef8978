// Normalisation for matching quotations against sources. Two levels, both keeping a map back to the
// original UTF-16 offsets:
//  - normalizeForMatch: character level (quote and apostrophe styles, dashes, white space and line
//    breaks, the case of the first letter, punctuation just inside or outside the closing mark);
//  - tokenize: word level, the unit the checker matches on (punctuation is not a word, so "river,”"
//    and "river.”" are the same word; keys are lower-cased and folded).
import type { Span } from '../types';

const DOUBLE_QUOTES = '"“”„‟″«»〝〞＂';
const SINGLE_QUOTES = '\'‘’‚‛′`´ʼ‹›＇';
const DASHES = '-‐‑‒–—―−⁃﹘﹣－';

export function isDoubleQuote(c: string): boolean {
  return c.length === 1 && DOUBLE_QUOTES.includes(c);
}
export function isSingleQuote(c: string): boolean {
  return c.length === 1 && SINGLE_QUOTES.includes(c);
}
export function isDash(c: string): boolean {
  return c.length === 1 && DASHES.includes(c);
}

/** Folds one character: every double quote to ", every single quote/apostrophe to ', every dash to -, every space to ' '. */
export function foldChar(c: string): string {
  if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\u00a0' || c === '\u2009' || c === '\u202f' || c === '\u2007')
    return ' ';
  if (isDoubleQuote(c)) return '"';
  if (isSingleQuote(c)) return "'";
  if (isDash(c)) return '-';
  if (c === '…') return '...';
  return c;
}

/** Normalised text and, for each of its characters, the original offset (offsets[text.length] = end). */
export interface Normalized {
  text: string;
  offsets: number[];
}

export interface NormalizeOptions {
  /** 'first' (default) folds only the first letter's case; 'all' lower-cases everything; 'none' keeps case. */
  caseFold?: 'first' | 'all' | 'none';
  /** Drop punctuation at the very start and end (just inside or outside the marks). Default true. */
  trimPunctuation?: boolean;
}

const TRIM_PUNCT = /[\s.,;:!?"'\-()[\]]/;

/**
 * Character-level normalisation of `text` (or a span of it) for comparison: quote marks, apostrophes
 * and dashes in one style, runs of white space (line breaks included) as one space, the first
 * letter's case folded and the punctuation at either end dropped. `offsets` maps back to the original.
 */
export function normalizeForMatch(text: string, span: Span = { start: 0, end: text.length }, options: NormalizeOptions = {}): Normalized {
  const caseFold = options.caseFold ?? 'first';
  let out = '';
  const offsets: number[] = [];
  let lastSpace = true;
  for (let i = span.start; i < span.end; i++) {
    const f = foldChar(text[i]);
    if (f === ' ') {
      if (!lastSpace) {
        out += ' ';
        offsets.push(i);
      }
      lastSpace = true;
      continue;
    }
    lastSpace = false;
    for (const ch of f) {
      out += ch;
      offsets.push(i);
    }
  }
  let s = 0;
  let e = out.length;
  if (options.trimPunctuation ?? true) {
    while (s < e && TRIM_PUNCT.test(out[s])) s++;
    while (e > s && TRIM_PUNCT.test(out[e - 1])) e--;
  } else {
    if (out.endsWith(' ')) e--;
  }
  let text2 = out.slice(s, e);
  const offs = offsets.slice(s, e);
  offs.push(e > s ? offsets[e - 1] + 1 : span.start);
  if (caseFold === 'all') text2 = text2.toLowerCase();
  else if (caseFold === 'first' && text2.length) text2 = text2[0].toLowerCase() + text2.slice(1);
  return { text: text2, offsets: offs };
}

// ---------------------------------------------------------------------------------------------
// Words

/** One word of a text: its normalised key and where it is in the original. */
export interface WordToken {
  key: string;
  start: number;
  end: number;
}

function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
/** A letter, digit or combining mark (surrogate halves count as word characters). */
export function isWordCode(c: number): boolean {
  if (c < 128) return isAsciiWord(c);
  if (c >= 0xd800 && c <= 0xdfff) return true;
  if (c === 0x2019 || c === 0xa0) return false;
  return WORD_RE.test(String.fromCharCode(c));
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
export function isApostropheCode(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2bc || c === 0x2018;
}
/** Symbols that are words of their own for matching: a currency or a percentage changes the number. */
export function isSymbolWord(c: number): boolean {
  return c === 36 || c === 37 || c === 0xa3 || c === 0x20ac || c === 0xa5;
}

/** The matching key of a word: lower case, one apostrophe, no diacritics, no thousands separators. */
export function wordKey(raw: string): string {
  let k = raw.toLowerCase();
  let ascii = true;
  for (let i = 0; i < k.length; i++) if (k.charCodeAt(i) >= 128) { ascii = false; break; }
  if (!ascii) {
    k = k.replace(/[’ʼ‘]/g, "'");
    k = k.normalize('NFKD').replace(/\p{M}/gu, '');
  }
  if (k.includes(',')) k = k.replace(/,/g, '');
  return k;
}

/**
 * Splits text[from, to) into words. A word is a run of letters and digits, joined across an apostrophe
 * between letters (don't, Nato's) and a point or comma between digits (4.6, 1,000); dashes and
 * other punctuation separate words. `$ £ € ¥ %` are words of their own. Positions where `skip`
 * returns true are treated as spaces (masked Markdown, block-quote markers).
 */
export function tokenize(text: string, from = 0, to = text.length, skip?: (i: number) => boolean): WordToken[] {
  const { starts, ends } = wordSpans(text, from, to, skip);
  const out: WordToken[] = new Array(starts.length);
  for (let k = 0; k < starts.length; k++) out[k] = { key: wordKey(text.slice(starts[k], ends[k])), start: starts[k], end: ends[k] };
  return out;
}

/**
 * Where `tokenize`'s words are, without making their keys (the passage index interns them straight from the text).
 * A currency or percent sign is a word of one character, which is its own key.
 */
export function wordSpans(text: string, from: number, to: number, skip?: (i: number) => boolean): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let i = from;
  while (i < to) {
    if (skip && skip(i)) {
      i++;
      continue;
    }
    const c = text.charCodeAt(i);
    if (isSymbolWord(c)) {
      starts.push(i);
      ends.push(i + 1);
      i++;
      continue;
    }
    if (!isWordCode(c)) {
      i++;
      continue;
    }
    const s = i;
    let j = i + 1;
    for (;;) {
      while (j < to && isWordCode(text.charCodeAt(j)) && !(skip && skip(j))) j++;
      if (j + 1 < to && !(skip && (skip(j) || skip(j + 1)))) {
        const cj = text.charCodeAt(j);
        const prev = text.charCodeAt(j - 1);
        const next = text.charCodeAt(j + 1);
        if (isApostropheCode(cj) && !isDigit(prev) && isWordCode(prev) && isWordCode(next)) {
          j += 1;
          continue;
        }
        if ((cj === 46 || cj === 44) && isDigit(prev) && isDigit(next)) {
          j += 1;
          continue;
        }
      }
      break;
    }
    starts.push(s);
    ends.push(j);
    i = j;
  }
  return { starts, ends };
}

/** The words of a string, as keys (for tests and quick comparisons). */
export function wordKeys(text: string): string[] {
  return tokenize(text).map((t) => t.key);
}
