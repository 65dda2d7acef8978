// A persisted cache of analysed sources, so that a restart does not analyse every file again. One file in a folder
// the host chooses (the VS Code client passes its workspace storage; `verbatim --cache DIR` for the CLI): the
// analysed sources, each keyed by path, size and modification time, the whole keyed by the analyser's version (a hash
// of the code that analyses), so a changed file or a new Verbatim analyses again. A cache that cannot be read or
// written is ignored (logged): it only ever saves time.
// The format is JSON Lines (a header, then one line per source): the analysed sources are many small objects (quotes,
// entities, mentions), which JSON.parse reads about five times faster than v8.deserialize (measured on the BBC set:
// 0.45 s against 2.1 s on a busy machine), and one line per source keeps every string far below V8's limit however
// large the archive.
import { existsSync, promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { AnalyzedSource } from '../core/types';
import type { ReadResult } from './analysisMessages';
import { readSource } from './readSource';
import type { FileProblem } from './loadSources';

const FORMAT = 2;
const FILE_NAME = 'verbatim-sources.jsonl';

interface Entry {
  size: number;
  mtimeMs: number;
  source: AnalyzedSource;
  problems: FileProblem[];
}

interface Header {
  format: number;
  analyser: string;
}

let analyserVersionMemo: string | undefined;

/**
 * The version of the analysing code: a hash of the running bundle (dist/server.js, dist/cli.js) or, when run from
 * the TypeScript sources (tests, benchmarks), of every file of the core. Any change to the code analyses again.
 */
export function analyserVersion(): string {
  if (analyserVersionMemo) return analyserVersionMemo;
  // FNV-1a, twice 32 bits with different seeds: enough to tell versions apart (no crypto module in the bundles).
  let h1 = 0x811c9dc5 ^ FORMAT;
  let h2 = 0x01000193;
  const update = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      h1 = Math.imul(h1 ^ bytes[i], 0x01000193);
      h2 = Math.imul(h2 ^ bytes[i], 0x811c9dc5) ^ (h2 >>> 15);
    }
  };
  if (__filename.endsWith('.js')) update(readFileSync(__filename));
  else {
    const core = path.join(__dirname, '..', 'core');
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.ts')) {
          update(Buffer.from(name));
          update(readFileSync(p));
        }
      }
    };
    if (existsSync(core)) walk(core);
  }
  analyserVersionMemo = `${(h1 >>> 0).toString(16).padStart(8, '0')}${(h2 >>> 0).toString(16).padStart(8, '0')}`;
  return analyserVersionMemo;
}

export class IndexCache {
  private readonly entries = new Map<string, Entry>();
  /** Paths asked for since the cache was opened: only these are saved (files gone from the sources drop out). */
  private readonly touched = new Set<string>();
  private dirty = false;
  private saving: Promise<void> | undefined;
  /** What happened, for the log and the benchmarks. */
  readonly stats = { loaded: 0, hits: 0, misses: 0, loadMs: 0, saveMs: 0, bytes: 0 };

  private constructor(
    readonly dir: string,
    private readonly log: (message: string) => void,
  ) {}

  get file(): string {
    return path.join(this.dir, FILE_NAME);
  }

  /** Opens the cache in `dir` (created when missing). Never throws: an unusable cache is an empty one. */
  static async open(dir: string, log: (message: string) => void = () => undefined): Promise<IndexCache> {
    const cache = new IndexCache(dir, log);
    const t0 = performance.now();
    try {
      const bytes = await fs.readFile(cache.file);
      let at = bytes.indexOf(10);
      const header = JSON.parse(bytes.toString('utf8', 0, at < 0 ? bytes.length : at)) as Header;
      if (header?.format === FORMAT && header.analyser === analyserVersion()) {
        while (at >= 0 && at + 1 < bytes.length) {
          const next = bytes.indexOf(10, at + 1);
          const [p, e] = JSON.parse(bytes.toString('utf8', at + 1, next < 0 ? bytes.length : next)) as [string, Entry];
          cache.entries.set(p, e);
          at = next;
        }
        cache.stats.loaded = cache.entries.size;
        cache.stats.bytes = bytes.length;
      } else cache.dirty = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log(`Verbatim: the index cache ${cache.file} cannot be read (${(e as Error).message}); sources are analysed again.`);
    }
    cache.stats.loadMs = performance.now() - t0;
    return cache;
  }

  /**
   * `readSource` through the cache: the stored analysis when the file's size and modification time are unchanged,
   * otherwise `analyse` (the analysis pool's workers, or readSource in this thread).
   */
  async read(file: string, analyse: (file: string) => Promise<ReadResult> = readSource): Promise<ReadResult> {
    this.touched.add(file);
    let stat;
    try {
      stat = statSync(file);
    } catch {
      stat = undefined;
    }
    const hit = stat && this.entries.get(file);
    if (stat && hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) {
      this.stats.hits++;
      return { source: hit.source, problems: hit.problems };
    }
    this.stats.misses++;
    const r = await analyse(file);
    if (r.source && stat) this.entries.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, source: r.source, problems: r.problems });
    else this.entries.delete(file);
    this.dirty = true;
    return r;
  }

  forget(file: string): void {
    if (this.entries.delete(file)) this.dirty = true;
  }

  /** Writes the cache when something changed (to a temporary file, then renamed: a reader never sees half a file). */
  save(): Promise<void> {
    if (!this.dirty) return this.saving ?? Promise.resolve();
    const previous = this.saving ?? Promise.resolve();
    this.saving = previous.then(() => this.write());
    return this.saving;
  }

  private async write(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const t0 = performance.now();
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await fs.mkdir(this.dir, { recursive: true });
      // Written in chunks of about a megabyte (a line per source), never as one string.
      const out = await fs.open(tmp, 'w');
      let bytes = 0;
      try {
        let chunk = JSON.stringify({ format: FORMAT, analyser: analyserVersion() } satisfies Header) + '\n';
        for (const [p, e] of this.entries) {
          if (!this.touched.has(p)) continue;
          chunk += JSON.stringify([p, e]) + '\n';
          if (chunk.length > 1 << 20) {
            bytes += (await out.write(chunk)).bytesWritten;
            chunk = '';
          }
        }
        bytes += (await out.write(chunk)).bytesWritten;
      } finally {
        await out.close();
      }
      await fs.rename(tmp, this.file);
      this.stats.bytes = bytes;
    } catch (e) {
      this.log(`Verbatim: the index cache ${this.file} cannot be written (${(e as Error).message}).`);
      await fs.rm(tmp, { force: true }).catch(() => undefined);
    }
    this.stats.saveMs = performance.now() - t0;
  }
}
