// One analysed source as bytes for the index cache (node/indexCache.ts), and back.
// The cache is read at every start, so its records are made to be read fast: the numbers (quote spans, entity
// mentions: about 80 % of the objects of an analysed source) are a run of 32-bit integers read in place, the text is
// raw UTF-8 (decoded as Latin-1, the fastest, when it is ASCII), and the few strings (names, aliases, roles, meta)
// are one small JSON array. A quote's text is not stored: it is the source's text at the quote's span (checked when
// writing). A source that does not fit this shape (a field this code does not know, a quote whose text is not its
// span) is stored as plain JSON instead, so nothing is ever lost.
// Layout of a record (offsets from its start; every part 4-byte aligned; little-endian):
//   u32 kind (COMPACT or JSON) | u32 path bytes | u32 json bytes | u32 text bytes | u32 number of ints | u32 unused |
//   f64 size | f64 modification time | path | json | text | ints
// The head says which file a record is for and its size and time without decoding the rest, so a cache is opened
// by reading the heads and a record is decoded only when its file is asked for (and still the same).
import type { AnalyzedSource, Entity, EntityType, Mention, Problem, Quote, SourceMeta } from '../core/types';
import type { FileProblem } from './loadSources';

/** What the cache keeps per file: the analysis and what was said about the file, for its size and modification time. */
export interface CacheEntry {
  size: number;
  mtimeMs: number;
  source: AnalyzedSource;
  problems: FileProblem[];
}

const COMPACT = 1;
const JSON_RECORD = 2;
const HEAD = 40;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const QUOTE_KEYS = new Set(['id', 'sourceId', 'text', 'span', 'speaker', 'kind', 'paragraph', 'cue', 'group']);
const ENTITY_KEYS = new Set(['name', 'type', 'aliases', 'role', 'affiliation', 'mentions']);
const SOURCE_KEYS = new Set(['path', 'meta', 'text', 'bodyStart', 'quotes', 'entities', 'problems']);
const ENTITY_TYPES: EntityType[] = ['person', 'organization', 'place'];

// Quote flags
const HAS_CUE = 1;
const HAS_GROUP = 2;
const FRAGMENT = 4;
// Record flags (in the JSON part)
const ASCII_TEXT = 1;

type CompactJson = [meta: SourceMeta, bodyStart: number, strings: string[], problems: Problem[], fileProblems: FileProblem[], flags: number];

const align4 = (n: number) => (n + 3) & ~3;

/** The record for one entry: compact when the source has the shape this code knows, else JSON. */
export function encodeEntry(path: string, e: CacheEntry): Buffer {
  return encodeCompact(path, e) ?? encodeJson(path, e);
}

function encodeJson(path: string, e: CacheEntry): Buffer {
  return assemble(JSON_RECORD, path, e, JSON.stringify({ source: e.source, problems: e.problems }), '', false, []);
}

function encodeCompact(path: string, e: CacheEntry): Buffer | undefined {
  const s = e.source;
  if (!hasOnly(s, SOURCE_KEYS)) return undefined;
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const str = (x: string) => {
    let id = stringIds.get(x);
    if (id === undefined) {
      id = strings.push(x) - 1;
      stringIds.set(x, id);
    }
    return id;
  };
  const ints: number[] = [s.quotes.length];
  for (const q of s.quotes) {
    if (!hasOnly(q, QUOTE_KEYS) || q.sourceId !== s.meta.id || s.text.slice(q.span.start, q.span.end) !== q.text) return undefined;
    if (!isInt(q.id) || (q.group !== undefined && !isInt(q.group))) return undefined;
    const flags = (q.cue ? HAS_CUE : 0) | (q.group !== undefined ? HAS_GROUP : 0) | (q.kind === 'fragment' ? FRAGMENT : 0);
    if (q.kind !== 'fragment' && q.kind !== 'statement') return undefined;
    ints.push(flags, q.id, q.span.start, q.span.end, q.paragraph.start, q.paragraph.end, q.cue?.start ?? 0, q.cue?.end ?? 0, q.group ?? 0, q.speaker === null ? -1 : str(q.speaker));
  }
  ints.push(s.entities.length);
  for (const en of s.entities) {
    const type = ENTITY_TYPES.indexOf(en.type);
    if (!hasOnly(en, ENTITY_KEYS) || type < 0) return undefined;
    ints.push(type, str(en.name), en.role !== undefined ? str(en.role) : -1, en.affiliation !== undefined ? str(en.affiliation) : -1, en.aliases.length);
    for (const a of en.aliases) ints.push(str(a));
    ints.push(en.mentions.length);
    for (const m of en.mentions) {
      if (m.sourceId !== s.meta.id || Object.keys(m).length !== 2) return undefined;
      ints.push(m.span.start, m.span.end);
    }
  }
  for (const x of ints) if (!isInt(x)) return undefined;
  const ascii = Buffer.byteLength(s.text) === s.text.length;
  const json: CompactJson = [s.meta, s.bodyStart, strings, s.problems, e.problems, ascii ? ASCII_TEXT : 0];
  return assemble(COMPACT, path, e, JSON.stringify(json), s.text, ascii, ints);
}

function assemble(kind: number, path: string, e: CacheEntry, json: string, text: string, ascii: boolean, ints: number[]): Buffer {
  const pathBytes = Buffer.byteLength(path);
  const jsonBytes = Buffer.byteLength(json);
  const textBytes = ascii ? text.length : Buffer.byteLength(text);
  const jsonAt = HEAD + align4(pathBytes);
  const textAt = jsonAt + align4(jsonBytes);
  const intsAt = textAt + align4(textBytes);
  const out = Buffer.alloc(intsAt + ints.length * 4);
  out.writeUInt32LE(kind, 0);
  out.writeUInt32LE(pathBytes, 4);
  out.writeUInt32LE(jsonBytes, 8);
  out.writeUInt32LE(textBytes, 12);
  out.writeUInt32LE(ints.length, 16);
  out.writeDoubleLE(e.size, 24);
  out.writeDoubleLE(e.mtimeMs, 32);
  out.write(path, HEAD, 'utf8');
  out.write(json, jsonAt, 'utf8');
  out.write(text, textAt, ascii ? 'latin1' : 'utf8');
  for (let i = 0; i < ints.length; i++) out.writeInt32LE(ints[i], intsAt + i * 4);
  return out;
}

/** What the head of a record says: the file, its size and time, and where the record ends. */
export interface RecordHead {
  path: string;
  size: number;
  mtimeMs: number;
  end: number;
}

/**
 * A view to read the numbers of a whole cache file with (DataView: Buffer's readUInt32LE and readDoubleLE cost more
 * than everything else of opening a cache, at a start when they are not yet optimised).
 */
export function viewOf(bytes: Buffer): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Where the record at `at` ends, or -1 when the bytes cannot hold it (a truncated file). */
export function recordEnd(view: DataView, at: number): number {
  if (at + HEAD > view.byteLength) return -1;
  const end = at + recordLength(view, at);
  // A damaged length can make the sum wrap around (the alignment works on 32 bits).
  return end <= view.byteLength && end >= at + HEAD ? end : -1;
}

/** The fixed part of a record's head (before its path): its kind, sizes, and the file's size and time. */
export const HEAD_BYTES = HEAD;

/** The bytes of the record at `at`, from its head (in the view) alone: the rest may lie beyond the view. */
export function recordLength(view: DataView, at: number): number {
  return HEAD + align4(view.getUint32(at + 4, true)) + align4(view.getUint32(at + 8, true)) + align4(view.getUint32(at + 12, true)) + view.getUint32(at + 16, true) * 4;
}

/** The bytes of the record's head with its path: what must be in view to read `recordPath` and `recordStamp`. */
export function headLength(view: DataView, at: number): number {
  return HEAD + view.getUint32(at + 4, true);
}

/** The file a record is for. */
export function recordPath(bytes: Buffer, view: DataView, at: number): string {
  return bytes.toString('utf8', at + HEAD, at + HEAD + view.getUint32(at + 4, true));
}

/** The size and modification time of the file when it was analysed. */
export function recordStamp(view: DataView, at: number): { size: number; mtimeMs: number } {
  return { size: view.getFloat64(at + 24, true), mtimeMs: view.getFloat64(at + 32, true) };
}

/** The head of the record at `at`, or undefined when the bytes cannot hold the record (a truncated file). */
export function readHead(bytes: Buffer, at: number, view = viewOf(bytes)): RecordHead | undefined {
  const end = recordEnd(view, at);
  return end < 0 ? undefined : { path: recordPath(bytes, view, at), ...recordStamp(view, at), end };
}

/** The record at `at` as an entry, with new objects each time. Throws on a record that is not consistent. */
export function decodeEntry(bytes: Buffer, at: number, view = viewOf(bytes), path = recordPath(bytes, view, at)): CacheEntry {
  if (recordEnd(view, at) < 0) throw new Error('a record cut short');
  const kind = view.getUint32(at, true);
  const { size, mtimeMs } = recordStamp(view, at);
  const jsonBytes = view.getUint32(at + 8, true);
  const textBytes = view.getUint32(at + 12, true);
  const intCount = view.getUint32(at + 16, true);
  const jsonAt = at + HEAD + align4(view.getUint32(at + 4, true));
  const json = bytes.toString('utf8', jsonAt, jsonAt + jsonBytes);
  if (kind === JSON_RECORD) {
    const { source, problems } = JSON.parse(json) as Pick<CacheEntry, 'source' | 'problems'>;
    if (source?.path !== path) throw new Error('a record for another file');
    return { size, mtimeMs, source, problems };
  }
  if (kind !== COMPACT) throw new Error(`a record of an unknown kind (${kind})`);
  const [meta, bodyStart, strings, problems, fileProblems, flags] = JSON.parse(json) as CompactJson;
  const textAt = jsonAt + align4(jsonBytes);
  const text = bytes.toString(flags & ASCII_TEXT ? 'latin1' : 'utf8', textAt, textAt + textBytes);
  const ints = intsOf(bytes, view, textAt + align4(textBytes), intCount);
  const reader = new IntReader(ints, text.length, strings);
  const sourceId = meta.id;
  const quotes: Quote[] = new Array(reader.count());
  for (let i = 0; i < quotes.length; i++) quotes[i] = readQuote(reader, sourceId, text);
  const entities: Entity[] = new Array(reader.count());
  for (let i = 0; i < entities.length; i++) entities[i] = readEntity(reader, sourceId);
  if (reader.at !== ints.length) throw new Error('a record with numbers left over');
  return { size, mtimeMs, source: { path, meta, text, bodyStart, quotes, entities, problems }, problems: fileProblems };
}

function readQuote(r: IntReader, sourceId: string, text: string): Quote {
  const flags = r.int();
  const id = r.int();
  const span = r.span();
  const paragraph = r.span();
  // A quote without a cue stores 0, 0: read past them without making a span object.
  const cue = flags & HAS_CUE ? r.span() : r.skip(2);
  const group = r.int();
  const speaker = r.stringOrNull();
  const q: Quote = { id, sourceId, text: text.slice(span.start, span.end), span, speaker, kind: flags & FRAGMENT ? 'fragment' : 'statement', paragraph };
  if (cue) q.cue = cue;
  if (flags & HAS_GROUP) q.group = group;
  return q;
}

function readEntity(r: IntReader, sourceId: string): Entity {
  const type = ENTITY_TYPES[r.int()];
  const name = r.string();
  const role = r.optionalString();
  const affiliation = r.optionalString();
  const aliases: string[] = new Array(r.count());
  for (let i = 0; i < aliases.length; i++) aliases[i] = r.string();
  const mentions: Mention[] = new Array(r.count());
  for (let i = 0; i < mentions.length; i++) mentions[i] = { sourceId, span: r.span() };
  if (!type) throw new Error('an entity of an unknown type');
  const e: Entity = { name, type, aliases, mentions };
  if (role !== undefined) e.role = role;
  if (affiliation !== undefined) e.affiliation = affiliation;
  return e;
}

/** The ints in place when they are aligned in memory (they are, in a file read whole), else a copy. */
function intsOf(bytes: Buffer, view: DataView, at: number, count: number): Int32Array {
  if (LITTLE_ENDIAN && (bytes.byteOffset + at) % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset + at, count);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt32(at + i * 4, true);
  return out;
}

/** Reads the numbers of a record in order, checking each against what it may be (a damaged record throws). */
class IntReader {
  at = 0;
  constructor(
    private readonly ints: Int32Array,
    private readonly textLength: number,
    private readonly strings: string[],
  ) {}

  int(): number {
    if (this.at >= this.ints.length) throw new Error('a record cut short');
    return this.ints[this.at++];
  }

  count(): number {
    const n = this.int();
    if (n < 0 || n > this.ints.length) throw new Error('a record with an impossible count');
    return n;
  }

  /** Steps over `n` numbers (undefined, to stand for a span that is not there). */
  skip(n: number): undefined {
    if (this.at + n > this.ints.length) throw new Error('a record cut short');
    this.at += n;
    return undefined;
  }

  span(): { start: number; end: number } {
    const start = this.int();
    const end = this.int();
    if (start < 0 || end < start || end > this.textLength) throw new Error('a span outside the text');
    return { start, end };
  }

  string(): string {
    const i = this.int();
    if (i < 0 || i >= this.strings.length) throw new Error('a string that is not in the record');
    return this.strings[i];
  }

  /** A string, or -1 for none. */
  optionalString(): string | undefined {
    if (this.ints[this.at] === -1) {
      this.at++;
      return undefined;
    }
    return this.string();
  }

  stringOrNull(): string | null {
    return this.optionalString() ?? null;
  }
}

function hasOnly(o: object, keys: Set<string>): boolean {
  for (const k in o) if (!keys.has(k)) return false;
  return true;
}

function isInt(x: number): boolean {
  return (x | 0) === x;
}

/** Whether a record holds its analysis in the compact form (for tests and the log). */
export function isCompact(record: Buffer): boolean {
  return record.readUInt32LE(0) === COMPACT;
}
