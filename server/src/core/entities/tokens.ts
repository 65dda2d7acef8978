import type { Span } from '../types';

// The words of a body, kept in flat arrays (a news archive has millions of words; objects per word cost
// more in garbage collection than the whole analysis).

export const CAP = 1;
export const POSS = 2;
export const SENT = 4;
export const INQ = 8;

export class Tokens {
  n = 0;
  start: Int32Array;
  /** End without a possessive 's. */
  end: Int32Array;
  para: Int32Array;
  flags: Uint8Array;
  private words: (string | undefined)[] = [];
  private lowers: (string | undefined)[] = [];
  /** Per-word scratch slot for the caller (the entity finder keeps its word labels here). */
  tags: (string | undefined)[] = [];

  constructor(readonly text: string, capacity: number) {
    // one buffer for the four arrays: allocating typed arrays is costly enough to show per article
    const buf = new ArrayBuffer(capacity * 13);
    this.start = new Int32Array(buf, 0, capacity);
    this.end = new Int32Array(buf, capacity * 4, capacity);
    this.para = new Int32Array(buf, capacity * 8, capacity);
    this.flags = new Uint8Array(buf, capacity * 12, capacity);
  }

  /** Call once the words are in: sizes the caches. */
  seal(): void {
    this.words = new Array(this.n);
    this.lowers = new Array(this.n);
    this.tags = new Array(this.n);
  }

  /** The word (without a possessive 's). */
  word(i: number): string {
    let w = this.words[i];
    if (w === undefined) {
      w = this.text.slice(this.start[i], this.end[i]);
      this.words[i] = w;
    }
    return w;
  }

  lower(i: number): string {
    let w = this.lowers[i];
    if (w === undefined) {
      w = this.word(i).toLowerCase();
      this.lowers[i] = w;
    }
    return w;
  }

  cap(i: number): boolean {
    return (this.flags[i] & CAP) !== 0;
  }
  poss(i: number): boolean {
    return (this.flags[i] & POSS) !== 0;
  }
  sentStart(i: number): boolean {
    return (this.flags[i] & SENT) !== 0;
  }
  inQuote(i: number): boolean {
    return (this.flags[i] & INQ) !== 0;
  }
}

const letterCache = new Map<number, boolean>();
function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  let v = letterCache.get(c);
  if (v === undefined) {
    v = /[\p{L}\p{N}\p{M}]/u.test(String.fromCharCode(c));
    letterCache.set(c, v);
  }
  return v;
}
const upperCache = new Map<number, boolean>();
function isUpper(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  let v = upperCache.get(c);
  if (v === undefined) {
    v = /\p{Lu}/u.test(String.fromCharCode(c));
    upperCache.set(c, v);
  }
  return v;
}

const ABBREVIATIONS = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Jr', 'Sr', 'Prof', 'Gen', 'Col', 'Lt', 'Sgt', 'Supt', 'Det', 'Rev', 'No', 'vs', 'Capt', 'Gov', 'Sen', 'Rep', 'Insp', 'Cllr']);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:[-'’.&][\p{L}\p{N}\p{M}]+)*/gu;
/** The same pattern, anchored: where a word that starts at lastIndex ends. */
const WORD_AT = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:[-'’.&][\p{L}\p{N}\p{M}]+)*/uy;

// Whether a UTF-16 unit (outside the surrogates) can start a word, [\p{L}\p{N}]: 0 not known yet, 1 yes, 2 no.
const startsWordTable = new Uint8Array(0x10000);
/** Whether a UTF-16 unit outside the surrogates is a letter or a digit ([\p{L}\p{N}]); the caller handles surrogates. */
export function startsWord(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  let v = startsWordTable[c];
  if (v === 0) startsWordTable[c] = v = /[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 2;
  return v === 1;
}

/**
 * Offset of the first word starting in text[from, to), or -1. Scans char codes and leaves the regular expression
 * only the word itself (WORD_AT.test): exec built a match array and a string for every word of every source, a fifth
 * of all the memory analysis allocated. At a surrogate (a character outside the BMP, one code point to the regular
 * expression) the regular expression searches from there, as before.
 */
function nextWordStart(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      return m !== null && m.index < to ? m.index : -1;
    }
    if (startsWord(c)) return i;
  }
  return -1;
}

/** Words of each paragraph, in order. `quotes` must be sorted by start. The words' ends come from a regular
 * expression (native code, fast even before the JIT warms up); the short gaps between words are read char by char. */
export function tokenize(text: string, paragraphs: Span[], quotes: Span[]): Tokens {
  let total = 0;
  for (const p of paragraphs) total += p.end - p.start;
  const t = new Tokens(text, Math.max(16, (total >> 2) + 16));
  let qi = 0;
  let n = 0;
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const { start: ps, end: pe } = paragraphs[pi];
    let prevEnd = ps; // end of the previous word (with its possessive)
    for (let s = nextWordStart(text, ps, pe); s >= 0; s = nextWordStart(text, prevEnd, pe)) {
      WORD_AT.lastIndex = s;
      WORD_AT.test(text);
      let e = WORD_AT.lastIndex;
      if (e > pe) e = pe;
      const full = e;
      let flags = 0;
      // the gap since the previous word: a sentence end, or an opening quote mark
      let sawEnd = prevEnd === ps;
      let quoteOpen = false;
      for (let i = prevEnd; i < s; i++) {
        const c = text.charCodeAt(i);
        if (c === 46) {
          const prev = n > 0 && t.para[n - 1] === pi && t.end[n - 1] === i && i - t.start[n - 1] <= 4 ? text.slice(t.start[n - 1], i) : '';
          if (!(ABBREVIATIONS.has(prev) || (prev.length === 1 && isUpper(prev.charCodeAt(0))))) sawEnd = true;
        } else if (c === 63 || c === 33 || c === 58 || c === 0x2026) sawEnd = true;
        else if (c === 0x201c || ((c === 34 || c === 0x2018) && (i === ps || !isWordChar(text.charCodeAt(i - 1))))) quoteOpen = true;
        else if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0xa0) quoteOpen = false;
      }
      if (e - s > 2 && isPossessive(text.charCodeAt(e - 2), text.charCodeAt(e - 1))) {
        e -= 2;
        flags |= POSS;
      }
      if (isUpper(text.charCodeAt(s))) flags |= CAP;
      if (sawEnd || quoteOpen) flags |= SENT;
      while (qi < quotes.length && quotes[qi].end <= s) qi++;
      if (qi < quotes.length && quotes[qi].start <= s) flags |= INQ;
      if (n >= t.start.length) grow(t);
      t.start[n] = s;
      t.end[n] = e;
      t.para[n] = pi;
      t.flags[n] = flags;
      n++;
      prevEnd = full;
    }
  }
  t.n = n;
  t.seal();
  return t;
}

/** 's or ’s (S in capitals too). */
function isPossessive(q: number, s: number): boolean {
  return (q === 39 || q === 0x2019) && (s === 115 || s === 83);
}

function grow(t: Tokens): void {
  const cap = t.start.length * 2;
  const buf = new ArrayBuffer(cap * 13);
  const start = new Int32Array(buf, 0, cap);
  const end = new Int32Array(buf, cap * 4, cap);
  const para = new Int32Array(buf, cap * 8, cap);
  const flags = new Uint8Array(buf, cap * 12, cap);
  start.set(t.start);
  end.set(t.end);
  para.set(t.para);
  flags.set(t.flags);
  t.start = start;
  t.end = end;
  t.para = para;
  t.flags = flags;
}
