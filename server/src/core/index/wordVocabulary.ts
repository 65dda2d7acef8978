// Word keys ↔ dense ids for the passage index. Building the index looks up every word of every source (a million at
// BBC ×1); making each word's key string first (slice, lower case) and hashing it in a Map was most of the first
// check's cost. Here an ASCII word is hashed and compared straight from the source text, and a string is made only
// the first time a key is seen. Other words take `wordKey`, so every key is exactly the one `tokenize` gives.
import { wordKey } from '../text/normalize';

const EMPTY = -1;
const COMMA = 44;

export class WordVocabulary {
  /** Key of each id, in the order first seen. */
  readonly keys: string[] = [];
  private table = new Int32Array(1 << 16).fill(EMPTY);
  private hashes: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The id of a key, or undefined. */
  get(key: string): number | undefined {
    const h = hashKey(key);
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot];
      if (id === EMPTY) return undefined;
      if (this.hashes[id] === h && this.keys[id] === key) return id;
    }
  }

  /** The id of a key, added when new. */
  intern(key: string): number {
    return this.get(key) ?? this.add(key, hashKey(key));
  }

  /** The id of the word text[start, end) (a span `scanWords` found), added when new. */
  internSpan(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i);
      if (c >= 128) return this.intern(wordKey(text.slice(start, end)));
      if (c === COMMA) continue;
      if (c >= 65 && c <= 90) c += 32;
      h = Math.imul(h ^ c, 0x01000193);
    }
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.table[slot];
      if (id === EMPTY) return this.add(wordKey(text.slice(start, end)), h);
      if (this.hashes[id] === h && sameKey(this.keys[id], text, start, end)) return id;
    }
  }

  private add(key: string, h: number): number {
    const id = this.keys.length;
    this.keys.push(key);
    this.hashes.push(h);
    if (this.keys.length * 2 > this.table.length) this.grow();
    else this.place(id, h);
    return id;
  }

  private place(id: number, h: number): void {
    const mask = this.table.length - 1;
    let slot = h & mask;
    while (this.table[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.table[slot] = id;
  }

  private grow(): void {
    this.table = new Int32Array(this.table.length * 2).fill(EMPTY);
    for (let id = 0; id < this.keys.length; id++) this.place(id, this.hashes[id]);
  }
}

/** FNV-1a over the key's UTF-16 code units (the same as `internSpan` over an ASCII word's lower-cased letters). */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}

/** Whether `key` is the ASCII word text[start, end) lower-cased without its commas. */
function sameKey(key: string, text: string, start: number, end: number): boolean {
  let k = 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c === COMMA) continue;
    if (c >= 65 && c <= 90) c += 32;
    if (k >= key.length || key.charCodeAt(k) !== c) return false;
    k++;
  }
  return k === key.length;
}
