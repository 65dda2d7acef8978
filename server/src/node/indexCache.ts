// A persisted cache of analysed sources, so that a restart does not analyse every file again. One file in a folder
// the host chooses (the VS Code client passes its workspace storage; `verbatim --cache DIR` for the CLI): the
// analysed sources, each keyed by path, size and modification time, the whole keyed by the analyser's version (a hash
// of the code that analyses), so a changed file or a new Verbatim analyses again. A cache that cannot be read or
// written is ignored (logged): it only ever saves time.
// The format is binary (node/cacheRecord.ts): a head, then one record per source. Opening reads the records' heads
// only, through a window (node/cacheFileReader.ts); a record is decoded when its file is asked for and unchanged.
// Once the cache has been saved it holds no analysis in memory: the next save copies the unchanged records from the
// file it wrote (the JSON Lines of format 2 took 0.35 s of CPU to parse at BBC ×1 and kept every analysis twice).
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { AnalyzedSource } from '../core/types';
import { CacheFileReader } from './cacheFileReader';
import { decodeEntry, encodeEntry, readHead, viewOf, type CacheEntry } from './cacheRecord';
import type { ReadResult } from './analysisMessages';
import { quietPause } from './quietPause';
import { readSource } from './readSource';
import type { FileProblem } from './loadSources';

const FORMAT = 3;
const FILE_NAME = 'verbatim-sources.cache';
/** The cache of earlier versions, removed when a new one is written. */
const OLD_FILE_NAMES = ['verbatim-sources.jsonl'];
const MAGIC = 'VRBT';
const MAX_HEADER_BYTES = 1 << 16;
/**
 * A save in the background encodes records this long, then pauses (node/quietPause.ts) until a pause of
 * SAVE_PAUSE_MS is quiet, for a second at most: while requests keep coming it goes on a slice a second, and the
 * shutdown's save finishes it at full speed. Slices of 4 ms made the ×1 completion p99 after a cold start 1–2 ms
 * longer (the save, done before the first completions until then, now runs among them); 2 ms slices did not.
 */
const SAVE_SLICE_MS = 2;
const SAVE_PAUSE_MS = 4;
const SAVE_MAX_PAUSES = 250;
/** How much of the previous cache file a save reads at a time to copy its unchanged records. */
const WINDOW_BYTES = 1 << 20;

interface Header {
  format: number;
  analyser: string;
}

let analyserVersionMemo: string | undefined;

/**
 * Replaced in the bundles by scripts/build.mjs with a hash of the bundle as built (made with this text in it): the
 * version below without reading and hashing the 1 MB bundle at every start (10 ms at each start). A build that
 * leaves it (esbuild's watch mode) hashes the bundle at the start instead.
 */
export const BUNDLE_STAMP = '@@verbatim-bundle-stamp@@';

/**
 * The version of the analysing code: a hash of the running bundle (dist/server.js, dist/cli.js; made when it was
 * built) or, when run from the TypeScript sources (tests, benchmarks), of every file of the core. Any change to the
 * code analyses again. SHA-1 from node:crypto (the language server loads it anyway, for vscode-jsonrpc): hashing the
 * 1 MB bundle in JavaScript took 20 ms of every start.
 */
export function analyserVersion(): string {
  analyserVersionMemo ??= versionOf(BUNDLE_STAMP);
  return analyserVersionMemo;
}

/** analyserVersion for a given stamp (a stamp still '@@…': not stamped by the build). */
export function versionOf(stamp: string): string {
  const hash = createHash('sha1').update(`format ${FORMAT}\n`);
  if (!stamp.startsWith('@@')) return hash.update(stamp).digest('hex').slice(0, 16);
  if (__filename.endsWith('.js')) hash.update(readFileSync(__filename));
  else {
    const core = path.join(__dirname, '..', 'core');
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.ts')) hash.update(name).update(readFileSync(p));
      }
    };
    if (existsSync(core)) walk(core);
  }
  return hash.digest('hex').slice(0, 16);
}

/** A file the cache knows: where its analysis is (in the cache file, or new in memory) and the size and time it had. */
interface Slot {
  size: number;
  mtimeMs: number;
  /** Offsets of its record in the cache file as last read or written (-1: not in it). */
  at: number;
  end: number;
  /** Analysed since the cache file was written. */
  fresh?: CacheEntry;
}

export class IndexCache {
  private readonly slots = new Map<string, Slot>();
  /** Paths asked for since the cache was opened: only these are saved (files gone from the sources drop out). */
  private readonly touched = new Set<string>();
  private dirty = false;
  private saving: Promise<void> | undefined;
  /** The cache file as opened, until the first save (records are decoded from it as they are asked for). */
  private reader: CacheFileReader | undefined;
  /** Size and time of the cache file as last read or written: a file changed by someone else is not copied from. */
  private stamp: { size: number; mtimeMs: number } | undefined;
  /** What happened, for the log and the benchmarks. */
  readonly stats = { loaded: 0, hits: 0, misses: 0, damaged: 0, loadMs: 0, saveMs: 0, bytes: 0 };

  private constructor(
    readonly dir: string,
    private readonly log: (message: string) => void,
    /** How long a save in the background encodes records before a pause (tests set 0: a pause after every record). */
    private readonly saveSliceMs = SAVE_SLICE_MS,
  ) {}

  /** Saves asked for that are not in the background: while there are, a save under way does not pause. */
  private urgent = 0;

  get file(): string {
    return path.join(this.dir, FILE_NAME);
  }

  /** Opens the cache in `dir` (created when missing). Never throws: an unusable cache is an empty one. */
  static async open(dir: string, log: (message: string) => void = () => undefined, opts: { saveSliceMs?: number; windowBytes?: number } = {}): Promise<IndexCache> {
    const cache = new IndexCache(dir, log, opts.saveSliceMs);
    const t0 = performance.now();
    try {
      const handle = await fs.open(cache.file, 'r');
      let kept = false;
      try {
        const st = await handle.stat();
        cache.stamp = { size: st.size, mtimeMs: st.mtimeMs };
        kept = await cache.index(new CacheFileReader(handle, st.size, opts.windowBytes));
      } finally {
        if (!kept) await handle.close();
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') cache.unreadable((e as Error).message);
      // A cache of an earlier format is replaced by the next save.
      else cache.dirty = OLD_FILE_NAMES.some((f) => existsSync(path.join(dir, f)));
    }
    cache.stats.loadMs = performance.now() - t0;
    return cache;
  }

  /**
   * Reads the heads of the records; whether the file is kept open to decode them from. A file cut short keeps the
   * records before the cut.
   */
  private async index(reader: CacheFileReader): Promise<boolean> {
    const start = await reader.read(0, 8);
    const headerBytes = start.length === 8 && start.toString('latin1', 0, 4) === MAGIC ? start.readUInt32LE(4) : -1;
    // The header is a few dozen bytes of JSON: a length past MAX_HEADER_BYTES is not one of ours.
    const header = headerBytes >= 0 && headerBytes <= MAX_HEADER_BYTES && 8 + headerBytes <= reader.size ? (JSON.parse((await reader.read(8, headerBytes)).toString('utf8')) as Header) : undefined;
    if (header?.format !== FORMAT || header.analyser !== analyserVersion()) {
      if (!header) this.unreadable('not a Verbatim index cache');
      this.dirty = true;
      return false;
    }
    const whole = await reader.places(align4(8 + headerBytes), ({ path: p, size, mtimeMs, at, end }) => this.slots.set(p, { size, mtimeMs, at, end }));
    if (!whole) {
      this.log(`Verbatim: the index cache ${this.file} is cut short after ${this.slots.size} sources; the others are analysed again.`);
      this.dirty = true;
    }
    this.reader = reader;
    this.stats.loaded = this.slots.size;
    this.stats.bytes = reader.size;
    return true;
  }

  private unreadable(why: string): void {
    this.log(`Verbatim: the index cache ${this.file} cannot be read (${why}); sources are analysed again.`);
    this.dirty = true;
  }

  /**
   * `readSource` through the cache: the stored analysis when the file's size and modification time are unchanged,
   * otherwise `analyse` (the analysis pool's workers, or readSource in this thread). A record decoded from the bytes
   * read at opening (every file of a start) comes back at once, not as a promise: the start from the cache handles
   * such files without a turn of the event loop each.
   */
  read(file: string, analyse: (file: string) => Promise<ReadResult> = readSource): ReadResult | Promise<ReadResult> {
    this.touched.add(file);
    const slot = this.slots.get(file);
    // A file without a record is analysed at once, and keyed by the stat of its read: a cold start stats each file once.
    if (!slot) return this.analyse(file, undefined, analyse);
    const stat = statOf(file);
    if (stat && slot.size === stat.size && slot.mtimeMs === stat.mtimeMs) {
      // An analysis kept since it was made is shared with the cache (written at the next save); a decoded one is new.
      if (slot.fresh) return this.hit(slot.fresh, false);
      if (slot.at >= 0 && this.reader) {
        const entry = this.decodeNow(file, slot, this.reader);
        if (entry) return this.hit(entry, true);
      } else if (slot.at >= 0) return this.readFromDisk(file, slot, stat, analyse);
    }
    return this.analyse(file, stat, analyse);
  }

  private hit(entry: CacheEntry, owned: boolean): ReadResult {
    this.stats.hits++;
    return { source: entry.source, problems: entry.problems, owned };
  }

  /** A file not in the cache, changed, or whose record is damaged: analysed, and the analysis kept for the next save. */
  private async analyse(file: string, stat: Stamp | undefined, analyse: (file: string) => Promise<ReadResult>): Promise<ReadResult> {
    this.stats.misses++;
    const r = await analyse(file);
    // The stat of the read itself when the reader gives it (the bytes analysed are the file it saw), else one taken now.
    const stamp = r.source ? (r.stamp ?? stat ?? statOf(file)) : undefined;
    if (r.source && stamp) this.slots.set(file, { size: stamp.size, mtimeMs: stamp.mtimeMs, at: -1, end: -1, fresh: { size: stamp.size, mtimeMs: stamp.mtimeMs, source: r.source, problems: r.problems } });
    else this.slots.delete(file);
    this.dirty = true;
    return r;
  }

  /** An unchanged file after the bytes read at opening were let go: its record is read from the cache file. */
  private async readFromDisk(file: string, slot: Slot, stat: Stamp, analyse: (file: string) => Promise<ReadResult>): Promise<ReadResult> {
    const bytes = await this.readRecordFromDisk(slot).catch((e: Error) => this.damaged(file, e));
    const entry = bytes && this.decode(file, bytes, 0, viewOf(bytes));
    return entry ? this.hit(entry, true) : this.analyse(file, stat, analyse);
  }

  /** A record from the cache file as opened, decoded at once (the reader's window is reused). */
  private decodeNow(file: string, slot: Slot, reader: CacheFileReader): CacheEntry | undefined {
    let record;
    try {
      record = reader.recordNow(slot.at, slot.end);
    } catch (e) {
      return this.damaged(file, e as Error);
    }
    return record ? this.decode(file, record.bytes, record.at, record.view) : this.damaged(file, new Error('the cache file ends before it'));
  }

  /** The stored analysis of a file (new objects) from its record's bytes, or undefined when it is damaged (then logged). */
  private decode(file: string, bytes: Buffer, at: number, view: DataView): CacheEntry | undefined {
    try {
      const entry = decodeEntry(bytes, at, view);
      if (entry.source.path === file) return entry;
      throw new Error('the record is for another file');
    } catch (e) {
      return this.damaged(file, e as Error);
    }
  }

  private damaged(file: string, e: Error): undefined {
    this.stats.damaged++;
    this.log(`Verbatim: the index cache's record of ${file} is damaged (${e.message}); the file is analysed again.`);
    return undefined;
  }

  /** One record from the cache file, after the bytes read at opening were let go (a file changed on disk since). */
  private async readRecordFromDisk(slot: Slot): Promise<Buffer | undefined> {
    const handle = await fs.open(this.file, 'r').catch(() => undefined);
    if (!handle) return undefined;
    try {
      const st = await handle.stat();
      if (!this.stamp || st.size !== this.stamp.size || st.mtimeMs !== this.stamp.mtimeMs) return undefined;
      const buf = Buffer.alloc(slot.end - slot.at);
      const { bytesRead } = await handle.read(buf, 0, buf.length, slot.at);
      return bytesRead === buf.length ? buf : undefined;
    } finally {
      await handle.close();
    }
  }

  forget(file: string): void {
    if (this.slots.delete(file)) this.dirty = true;
  }

  /**
   * Writes the cache when something changed (to a temporary file, then renamed: a reader never sees half a file).
   * Either way, the file opened at opening is let go: call it when the first indexing is done.
   * `inBackground` (the server, after a change): records are encoded on the server's thread, and after a cold start
   * at BBC ×20 (44,500 analyses) a megabyte of them took 30–40 ms at a time, which completions waited for. Such a save
   * encodes for a few ms, then pauses while other work runs (node/quietPause.ts). Otherwise (the CLI, a shutdown) it
   * writes at full speed, and so does a save in the background under way.
   */
  save(opts: { inBackground?: boolean } = {}): Promise<void> {
    const urgent = !opts.inBackground;
    if (urgent) this.urgent++;
    const previous = this.saving ?? Promise.resolve();
    this.saving = previous.then(() => this.write()).finally(() => urgent && this.urgent--);
    return this.saving;
  }

  private async write(): Promise<void> {
    // Unchanged records are copied from the file opened again (checked to be the same), and it is not held open
    // while another file is renamed over it.
    await this.letGoOfFile();
    if (!this.dirty) return;
    this.dirty = false;
    const t0 = performance.now();
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await fs.mkdir(this.dir, { recursive: true });
      const old = await this.oldRecords();
      const written = new Map<string, { slot: Slot; at: number; end: number }>();
      // Written in chunks of about a megabyte (a record per source), never as one buffer.
      const out = await fs.open(tmp, 'w').catch(async (e) => {
        await old?.close();
        throw e;
      });
      let bytes = 0;
      try {
        const headerJson = Buffer.from(JSON.stringify({ format: FORMAT, analyser: analyserVersion() } satisfies Header));
        const head = Buffer.alloc(align4(8 + headerJson.length));
        head.write(MAGIC, 0, 'latin1');
        head.writeUInt32LE(headerJson.length, 4);
        headerJson.copy(head, 8);
        let chunk: Buffer[] = [head];
        let chunkBytes = head.length;
        let sliceStart = performance.now();
        for (const [p, slot] of this.slots) {
          if (!this.touched.has(p)) continue;
          if (!this.urgent && performance.now() - sliceStart >= this.saveSliceMs) {
            await quietPause({ pauseMs: SAVE_PAUSE_MS, maxPauses: SAVE_MAX_PAUSES, hurry: () => this.urgent > 0 });
            sliceStart = performance.now();
          }
          const record = slot.fresh ? encodeEntry(p, slot.fresh) : await old?.record(slot.at, slot.end);
          if (!record || (slot.at >= 0 && !slot.fresh && readHead(record, 0)?.path !== p)) continue;
          written.set(p, { slot, at: bytes + chunkBytes, end: bytes + chunkBytes + record.length });
          chunk.push(record);
          chunkBytes += record.length;
          if (chunkBytes > 1 << 20) {
            bytes += (await out.write(Buffer.concat(chunk, chunkBytes))).bytesWritten;
            chunk = [];
            chunkBytes = 0;
            sliceStart = performance.now();
          }
        }
        bytes += (await out.write(Buffer.concat(chunk, chunkBytes))).bytesWritten;
      } finally {
        await out.close();
        await old?.close();
      }
      await fs.rename(tmp, this.file);
      const st = await fs.stat(this.file);
      this.stamp = { size: st.size, mtimeMs: st.mtimeMs };
      this.afterWrite(written);
      this.stats.bytes = bytes;
      for (const f of OLD_FILE_NAMES) await fs.rm(path.join(this.dir, f), { force: true }).catch(() => undefined);
    } catch (e) {
      this.log(`Verbatim: the index cache ${this.file} cannot be written (${(e as Error).message}).`);
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      this.dirty = true;
    }
    this.stats.saveMs = performance.now() - t0;
  }

  /** Closes the cache file opened at opening: records asked for later are read from the file one at a time. */
  private async letGoOfFile(): Promise<void> {
    const reader = this.reader;
    this.reader = undefined;
    await reader?.handle.close().catch(() => undefined);
  }

  /**
   * The cache file the unchanged records are copied from, read again a window at a time, if no one changed it
   * (reading it whole took 115 MB of RSS for each save at BBC ×20).
   */
  private async oldRecords(): Promise<OldRecords | undefined> {
    if (![...this.slots.values()].some((s) => !s.fresh && s.at >= 0)) return undefined;
    const handle = await fs.open(this.file, 'r').catch(() => undefined);
    if (handle) {
      const st = await handle.stat().catch(() => undefined);
      if (st && this.stamp && st.size === this.stamp.size && st.mtimeMs === this.stamp.mtimeMs) return new OldRecords(handle);
      await handle.close();
    }
    // gone or rewritten: the records not analysed since are dropped (analysed again at the next start)
    this.log(`Verbatim: the index cache ${this.file} was changed by another process; its sources are analysed again at the next start.`);
    return undefined;
  }

  /**
   * The new offsets of the records written; analyses now in the file are let go, files not written are forgotten. A
   * file analysed again while the save ran (it yields) keeps its new analysis for the next save.
   */
  private afterWrite(written: Map<string, { slot: Slot; at: number; end: number }>): void {
    for (const [p, slot] of [...this.slots]) {
      const w = written.get(p);
      if (w?.slot !== slot) {
        if (!w && !slot.fresh) this.slots.delete(p);
        else if (slot.fresh) this.dirty = true;
        continue;
      }
      slot.at = w.at;
      slot.end = w.end;
      slot.fresh = undefined;
    }
  }
}

const align4 = (n: number) => (n + 3) & ~3;

type Stamp = { size: number; mtimeMs: number };

/** The file's size and time, or undefined when it cannot be stat'ed (gone: it is analysed, and that says why). */
function statOf(file: string): Stamp | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The records of the previous cache file, read through a window of about a megabyte that moves forward as records are
 * asked for (they are asked for mostly in file order).
 */
class OldRecords {
  private window = Buffer.alloc(0);
  private windowAt = 0;

  constructor(private readonly from: FileHandle) {}

  /** The record's bytes, or undefined when the file ends before it does (the record is then not copied). */
  async record(at: number, end: number): Promise<Buffer | undefined> {
    if (at < 0 || end <= at) return undefined;
    if (at < this.windowAt || end > this.windowAt + this.window.length) {
      // A new buffer each time: the records handed out from the last one are still waiting to be written.
      const size = Math.max(end - at, WINDOW_BYTES);
      const { bytesRead, buffer } = await this.from.read(Buffer.allocUnsafe(size), 0, size, at);
      this.window = buffer.subarray(0, bytesRead);
      this.windowAt = at;
    }
    return end <= this.windowAt + this.window.length ? this.window.subarray(at - this.windowAt, end - this.windowAt) : undefined;
  }

  async close(): Promise<void> {
    await this.from.close().catch(() => undefined);
  }
}
