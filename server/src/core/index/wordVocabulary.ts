// Word keys ↔ dense ids for the passage index. Building the index looks up every word of every source (18 M at BBC
// ×20); making each word's key string first (slice, lower case) and hashing it in a Map was most of the first check's
// cost, and so was a second pass over each word after `wordSpans` had found it. Here `internWords` finds the words
// (the same ones as `wordSpans`) and hashes an ASCII word while scanning it, then compares it straight from the source
// text with its key's characters (kept in one typed array beside the table); a string is made only the first time a
// key is seen. Other words take `wordKey`, so every key is exactly the one `tokenize` gives.
import { isApostropheCode, isSymbolWord, isWordCode, wordKey } from '../text/normalize';

const EMPTY = -1;
const COMMA = 44;
const POINT = 46;
const APOSTROPHE = 39;
// As an int32, like every hash here (the table stores them in an Int32Array: an empty key hashes to this one).
const FNV_INIT = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/** 1 for the ASCII word characters (letters and digits). */
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = ASCII_WORD[c + 32] = 1;
// `c | 32` lower-cases an ASCII letter and leaves digits, the apostrophe and the point alone: an ASCII word's key
// characters, without building the key.

export class WordVocabulary {
  /** Key of each id, in the order first seen. */
  readonly keys: string[] = [];
  /** Open addressing, two cells a slot: the key's hash and its id (EMPTY when the slot is free). */
  private slots = new Int32Array(2 << 16).fill(EMPTY);
  private mask = (1 << 16) - 1;
  /** Every key's characters end to end: id's are chars[keyAt[id], keyAt[id + 1]). */
  private chars = new Uint16Array(1 << 18);
  private keyAt = new Int32Array(1 << 14);
  /** Scratch for `internWords` (a text has at most one word a character). */
  private out = new Int32Array(0);

  get size(): number {
    return this.keys.length;
  }

  /** The id of a key, or undefined. */
  get(key: string): number | undefined {
    const h = hashKey(key);
    const slots = this.slots;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = slots[2 * slot + 1];
      if (id === EMPTY) return undefined;
      if (slots[2 * slot] === h && this.keys[id] === key) return id;
    }
  }

  /** The id of a key, added when new. */
  intern(key: string): number {
    return this.get(key) ?? this.add(key, hashKey(key));
  }

  /**
   * The ids of the words of text[from, to): the ids of the keys `tokenize(text, from, to)` gives, in one pass
   * over the text.
   */
  internWords(text: string, from: number, to: number): Int32Array;
  /** The same written to out[at…] (room for `to - from` ids needed); returns how many. */
  internWords(text: string, from: number, to: number, out: Int32Array, at: number): number;
  internWords(text: string, from: number, to: number, into?: Int32Array, at = 0): Int32Array | number {
    if (!into && this.out.length < to - from) this.out = new Int32Array(Math.max(to - from, 1 << 14));
    const out = into ?? this.out;
    let n = at;
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c < 128 ? ASCII_WORD[c] === 0 : !wordChar(c)) {
        if (isSymbolWord(c)) {
          out[n++] = c < 128 ? this.findAscii(text, i, i + 1, Math.imul(FNV_INIT ^ c, FNV_PRIME), 1) : this.intern(wordKey(text[i]));
        }
        i++;
        continue;
      }
      // A word, to its end as `wordSpans` finds it (one loop: a joiner is met only where a run of word characters
      // stops); an ASCII word's key is hashed on the way.
      let h = FNV_INIT;
      let ascii = true;
      let commas = 0;
      let j = i;
      while (j < to) {
        const cj = text.charCodeAt(j);
        if (cj < 128) {
          if (ASCII_WORD[cj] !== 0) {
            h = Math.imul(h ^ (cj | 32), FNV_PRIME);
            j++;
            continue;
          }
          if (j + 1 >= to) break;
          if (cj === APOSTROPHE) {
            if (!joinsApostrophe(text.charCodeAt(j - 1), text.charCodeAt(j + 1))) break;
            h = Math.imul(h ^ APOSTROPHE, FNV_PRIME);
            j++;
            continue;
          }
          if (cj === POINT || cj === COMMA) {
            if (!isDigitCode(text.charCodeAt(j - 1)) || !isDigitCode(text.charCodeAt(j + 1))) break;
            if (cj === POINT) h = Math.imul(h ^ POINT, FNV_PRIME);
            else commas++;
            j++;
            continue;
          }
          break;
        }
        if (wordChar(cj)) {
          ascii = false;
          j++;
          continue;
        }
        if (j + 1 < to && isApostropheCode(cj) && joinsApostrophe(text.charCodeAt(j - 1), text.charCodeAt(j + 1))) {
          ascii = false;
          j++;
          continue;
        }
        break;
      }
      out[n++] = ascii ? this.findAscii(text, i, j, h, j - i - commas) : this.intern(wordKey(text.slice(i, j)));
      i = j;
    }
    return into ? n - at : out.slice(0, n);
  }

  /** The id of the ASCII word text[start, end) whose key (`length` characters) hashes to `h`, added when new. */
  private findAscii(text: string, start: number, end: number, h: number, length: number): number {
    const slots = this.slots;
    const chars = this.chars;
    const keyAt = this.keyAt;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = slots[2 * slot + 1];
      if (id === EMPTY) return this.add(wordKey(text.slice(start, end)), h);
      if (slots[2 * slot] !== h) continue;
      let k = keyAt[id];
      if (keyAt[id + 1] - k !== length) continue;
      let i = start;
      for (; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === COMMA) continue;
        if ((c | 32) !== chars[k++]) break;
      }
      if (i === end) return id;
    }
  }

  private add(key: string, h: number): number {
    const id = this.keys.length;
    this.keys.push(key);
    if (id + 2 > this.keyAt.length) this.keyAt = grown(this.keyAt, id + 2);
    const at = this.keyAt[id];
    if (at + key.length > this.chars.length) this.chars = grown(this.chars, at + key.length);
    for (let i = 0; i < key.length; i++) this.chars[at + i] = key.charCodeAt(i);
    this.keyAt[id + 1] = at + key.length;
    if (this.keys.length * 2 > this.mask + 1) this.grow();
    this.place(this.slots, this.mask, id, h);
    return id;
  }

  private place(slots: Int32Array, mask: number, id: number, h: number): void {
    let slot = h & mask;
    while (slots[2 * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
    slots[2 * slot] = h;
    slots[2 * slot + 1] = id;
  }

  /** Doubles the table (the new key is placed by the caller). */
  private grow(): void {
    const old = this.slots;
    const mask = 2 * (this.mask + 1) - 1;
    const slots = new Int32Array(2 * (mask + 1)).fill(EMPTY);
    for (let s = 0; s < old.length; s += 2) if (old[s + 1] !== EMPTY) this.place(slots, mask, old[s + 1], old[s]);
    this.slots = slots;
    this.mask = mask;
  }
}

/** A typed array at least `need` long holding `a`'s contents. */
function grown<T extends Int32Array | Uint16Array>(a: T, need: number): T {
  let size = a.length * 2;
  while (size < need) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWord(c: number): boolean {
  return c < 128 ? ASCII_WORD[c] !== 0 : wordChar(c);
}

/** Whether an apostrophe between `prev` and `next` joins them into one word (don't, Nato's; not 1990's). */
function joinsApostrophe(prev: number, next: number): boolean {
  return !isDigitCode(prev) && isWord(prev) && isWord(next);
}

// `isWordCode` of a non-ASCII character tests a Unicode regex; sources with curly quotes or accents meet the same few
// characters again and again, so the answer is kept (0 not yet asked, 1 a word character, 2 not).
const NON_ASCII = new Uint8Array(0x10000);
function wordChar(c: number): boolean {
  const known = NON_ASCII[c];
  if (known !== 0) return known === 1;
  const word = isWordCode(c);
  NON_ASCII[c] = word ? 1 : 2;
  return word;
}

/** FNV-1a over the key's UTF-16 code units (the same as `internWords` over an ASCII word's key characters). */
function hashKey(key: string): number {
  let h = FNV_INIT;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h;
}
