// The sources of a workspace: the bundled corpus plus `verbatim.sources` in each folder, read through
// node/loadSources.ts into one SourceIndex. Re-indexing reconciles (only added/removed files cost anything unless a
// full re-read is asked for); a watched file updates that file alone. Files are analysed in worker threads
// (node/analysisPool.ts) and added to the index in file order, so requests are answered while a huge source is read.
// In an untrusted workspace only the bundled corpus is read from disk, plus open documents that match the sources
// globs inside a workspace folder. In a trusted one, a source edited in the editor is indexed from its unsaved text
// (debounced) until it is closed; the index cache only ever holds what was read from disk.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { isDynamicPattern } from 'tinyglobby';
import { SourceIndex } from '../core/index/sourceIndex';
import { analyzeSource } from '../core/sources/analyze';
import { AnalysisPool } from '../node/analysisPool';
import type { ReadResult } from '../node/analysisMessages';
import { IndexCache } from '../node/indexCache';
import { eachInOrder } from '../node/inOrder';
import { HOLD_MAX_RECORDS, releaseOptimization } from '../node/optimizationHold';
import { readSmallSource } from '../node/readSource';
import { bundledCorpusDir, resolveSourceFiles, SOURCE_EXTENSIONS, type FileProblem } from '../node/loadSources';
import type { StatusParams } from '../protocol';
import { DEFAULT_SETTINGS, DEFAULT_SOURCES, type VerbatimSettings } from '../settings';
import { IndexLookup } from './lookup';
import { status } from './toProto';

export interface ProgressReporter {
  report(percentage: number, message: string): void;
  done(): void;
}

/** What the workspace needs from the server: kept small so the connection stays in server.ts/context.ts. */
export interface WorkspaceHost {
  log(message: string): void;
  showMessage(type: 'warning' | 'info', message: string): void;
  beginProgress(title: string): Promise<ProgressReporter | undefined>;
  onStatus(status: StatusParams): void;
  /** The index changed: recheck open drafts. */
  onIndexChanged(): void;
}

export interface Folder {
  uri: string;
  path: string;
  name: string;
}

const BUNDLED = 'bundled';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * A source up to this size is analysed on the server's thread, between requests (a BBC article is 2 to 5 KB: a
 * millisecond or two); a larger one in the pool's workers, so that a huge source never stops the server answering.
 * Measured (bench/coldIndex.bench.ts, BBC ×1 cold, 3 rounds each): every file sent to the 2 workers cost 7.2–8.6 s of
 * CPU against 4.6–5.3 s on this thread, for no gain in wall time on 2 cores (each worker compiles the analyser again).
 */
export const IN_THREAD_MAX_BYTES = 64 * 1024;

/** A source edited in the editor is analysed this long after the last change (a burst of typing analyses once). */
export const LIVE_DELAY_MS = 300;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SourceWorkspace {
  readonly index = new SourceIndex();
  settings: VerbatimSettings = DEFAULT_SETTINGS;
  /** `verbatim.sources` per folder path (folders may override it). */
  readonly folderSources = new Map<string, string[]>();
  folders: Folder[] = [];
  trusted = true;
  state: StatusParams['state'] = 'indexing';
  /** Indexing that takes longer than this shows progress. */
  progressAfterMs = 500;
  /** Where the index cache lives (initializationOptions.cacheDir); none when undefined. */
  cacheDir: string | undefined;
  private cache: Promise<IndexCache> | undefined;
  private saveTimer: NodeJS.Timeout | undefined;
  /** Every indexed (or failed) file → 'bundled', or the folder path it came from, or 'open' (untrusted, from the editor). */
  private readonly origins = new Map<string, string>();
  private readonly problems = new Map<string, FileProblem[]>();
  /** Trusted: sources whose indexed text is the editor's (edited since opened), until closed. */
  private readonly live = new Set<string>();
  /** Trusted: the debounced live analysis per file. */
  private readonly liveTimers = new Map<string, NodeJS.Timeout>();
  private generation = 0;
  /** Problems met while listing files, reported with the next batch. */
  private pendingProblems: FileProblem[] = [];
  private bundledDir: string | undefined;
  private readyResolve!: () => void;
  /** Resolves when the first indexing has finished. */
  readonly ready = new Promise<void>((r) => (this.readyResolve = r));

  /** Where large files are analysed (worker threads; this thread when no worker can start). */
  readonly pool: AnalysisPool;
  /** Files up to this size are analysed on this thread (IN_THREAD_MAX_BYTES; tests set 0 to send all to the pool). */
  private readonly inThreadMaxBytes: number;
  /** A first indexing of more files than this lets V8's optimising compiler go at once (HOLD_MAX_RECORDS; tests set less). */
  private readonly holdMaxRecords: number;

  constructor(
    private readonly host: WorkspaceHost,
    opts: { pool?: AnalysisPool; inThreadMaxBytes?: number; holdMaxRecords?: number } = {},
  ) {
    this.pool = opts.pool ?? new AnalysisPool({ log: (m) => host.log(m) });
    this.inThreadMaxBytes = opts.inThreadMaxBytes ?? IN_THREAD_MAX_BYTES;
    this.holdMaxRecords = opts.holdMaxRecords ?? HOLD_MAX_RECORDS;
    try {
      this.bundledDir = bundledCorpusDir();
    } catch (e) {
      host.log(String(e));
    }
  }

  isBundled(file: string): boolean {
    return this.origins.get(file) === BUNDLED;
  }

  sourcesFor(folder: Folder): string[] {
    return this.folderSources.get(folder.path) ?? this.settings.sources;
  }

  status(): StatusParams {
    const failed = [...this.problems.values()].filter((ps) => ps.some((p) => p.severity !== 'information')).length;
    return status(this.index, {
      state: this.state,
      speakers: IndexLookup.of(this.index).speakers().length,
      problems: failed,
      trusted: this.trusted,
      message: this.trusted ? undefined : 'Restricted mode: only the bundled corpus and open documents are read.',
    });
  }

  problemsOf(file: string): FileProblem[] {
    return this.problems.get(file) ?? [];
  }

  /** The files the settings name now, each with its origin. */
  private async desiredFiles(): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    if (this.settings.includeBundledCorpus && this.bundledDir) {
      const r = await resolveSourceFiles([this.bundledDir], this.bundledDir);
      for (const f of r.files) files.set(f, BUNDLED);
    }
    if (!this.trusted) return files;
    for (const folder of this.folders) {
      const specs = this.sourcesFor(folder);
      const r = await resolveSourceFiles(specs, folder.path);
      for (const f of r.files) if (!files.has(f)) files.set(f, folder.path);
      for (const p of r.problems) {
        // Trouble inside a folder (unreadable subfolder, broken link) costs the user sources: say so.
        if (p.severity === 'warning') {
          this.pendingProblems.push(p);
          continue;
        }
        // The default pattern matching nothing is normal (a workspace without sources); a pattern the user wrote is worth a word.
        const msg = `"${p.path}" in ${folder.name}: ${p.message}`;
        this.host.log(`Verbatim: ${msg}`);
        if (!DEFAULT_SOURCES.includes(p.path)) this.host.showMessage('info', `Verbatim: sources pattern ${msg}.`);
      }
    }
    return files;
  }

  /**
   * Brings the index in line with the settings. With `reread`, every file is read again; otherwise only files
   * that are new (or failed before). A newer call supersedes a running one.
   */
  async reindex(opts: { reread: boolean } = { reread: false }): Promise<void> {
    const gen = ++this.generation;
    this.state = 'indexing';
    this.host.onStatus(this.status());
    let reporter: ProgressReporter | undefined;
    let finished = false;
    let done = 0;
    let total = 0;
    const timer = setTimeout(() => {
      this.host.beginProgress('Verbatim: indexing sources').then((r) => {
        if (finished) r?.done();
        else {
          reporter = r;
          reporter?.report(total ? Math.round((done / total) * 100) : 0, `${done}/${total} files`);
        }
      }, () => undefined);
    }, this.progressAfterMs);
    const newProblems: FileProblem[] = [];
    try {
      this.pendingProblems = [];
      const files = await this.desiredFiles();
      newProblems.push(...this.pendingProblems);
      if (gen !== this.generation) return;
      // A source edited in the editor stays while the settings name it, even one not (yet) saved to disk.
      if (this.trusted)
        for (const file of this.live) {
          const folder = files.has(file) ? undefined : this.matchesSources(file);
          if (folder) files.set(file, folder.path);
        }
      for (const [file, origin] of [...this.origins]) {
        if (origin === 'open') continue;
        if (!files.has(file)) {
          this.index.remove(file);
          this.origins.delete(file);
          this.problems.delete(file);
          this.forgetLive(file);
        }
      }
      total = files.size;
      // A source indexed from the editor keeps the editor's text (the writer sees it): the disk is read at its close.
      for (const file of this.live) if (files.has(file)) this.origins.set(file, files.get(file)!);
      const toRead = [...files].filter(
        ([file, origin]) => !this.live.has(file) && (opts.reread || this.origins.get(file) !== origin || !this.index.sourceByPath(file)),
      );
      done = total - toRead.length;
      // Several files are read at once (analysed in the pool's workers; cache hits need none) and added to the index
      // in file order. Requests are answered while a worker analyses, and between files: the loop also yields every
      // few milliseconds (not after every file, which costs more than a cached one); progress is sent when the
      // percentage changes. A newer reindex stops the loop; the few files still in the pool are then dropped.
      let lastYield = performance.now();
      let lastPercent = -1;
      // The cache is opened (at initialize) before the loop: a file it holds is then decoded at once, not awaited.
      const cache = await this.openCache();
      if (gen !== this.generation) return;
      // V8's optimising compiler has waited since the process started (node/optimizationHold.ts). A first indexing
      // that takes at most a few thousand sources from the cache runs its code once per source: it waits on until the
      // end, or until a file needs analysing. A longer one runs optimised.
      if (toRead.length > this.holdMaxRecords) releaseOptimization();
      const analyse = (file: string) => {
        releaseOptimization();
        return this.analyseBySize(file);
      };
      const read = ([file]: [string, string]) => (cache ? cache.read(file, analyse) : analyse(file));
      const hitsBefore = cache?.stats.hits ?? 0;
      const t0 = performance.now();
      await eachInOrder(toRead, read, this.pool.inFlight, ([file, origin], r) => {
        if (gen !== this.generation) return false;
        done++;
        // Edited in the editor while it was read: the editor's text wins.
        if (!this.live.has(file)) newProblems.push(...this.apply(file, origin, r));
        const percent = Math.round((done / total) * 100);
        if (reporter && percent !== lastPercent) {
          lastPercent = percent;
          reporter.report(percent, `${done}/${total} files`);
        }
        if (performance.now() - lastYield < 8) return true;
        return yieldToEventLoop().then(() => {
          lastYield = performance.now();
          return true;
        });
      });
      // Said in the output: a start that analyses what the cache should have held is slow for a reason worth seeing.
      if (toRead.length && gen === this.generation)
        this.host.log(`Verbatim: indexed ${toRead.length} sources in ${Math.round(performance.now() - t0)} ms${cache ? ` (${cache.stats.hits - hitsBefore} from the index cache)` : ''}.`);
    } finally {
      releaseOptimization();
      finished = true;
      clearTimeout(timer);
      reporter?.done();
    }
    if (gen !== this.generation) return;
    this.state = 'ready';
    this.saveCacheSoon(0);
    this.reportProblems(newProblems);
    this.host.onStatus(this.status());
    this.host.onIndexChanged();
    this.readyResolve();
  }

  /**
   * The index cache, opened once (undefined without a cache folder). Called at initialize too, so that the cache file
   * is read while the client answers the first requests and the sources are listed.
   */
  openCache(): Promise<IndexCache> | undefined {
    if (!this.cacheDir) return undefined;
    this.cache ??= IndexCache.open(this.cacheDir, (m) => this.host.log(m));
    return this.cache;
  }

  /** Writes the cache a moment after the last change (a batch of edits is written once). */
  private saveCacheSoon(delayMs = 1000): void {
    const cache = this.openCache();
    if (!cache) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void cache.then((c) => c.save({ inBackground: true })), delayMs);
    this.saveTimer.unref?.();
  }

  /** Writes the cache now if a write is due (at shutdown: a save still waiting would be lost with the process). */
  async flushCache(): Promise<void> {
    if (!this.cache) return;
    clearTimeout(this.saveTimer);
    await (await this.cache).save();
  }

  /** Reads and analyses one file: from the cache when it holds the file unchanged, otherwise `analyseBySize`. */
  private async readFile(file: string): Promise<ReadResult> {
    const cache = this.openCache();
    return cache ? (await cache).read(file, this.analyseBySize) : this.analyseBySize(file);
  }

  /** A small file on this thread (read with blocking calls: see readSmallSource), a large one in the pool. */
  private readonly analyseBySize = async (file: string): Promise<ReadResult> =>
    (this.inThreadMaxBytes > 0 ? readSmallSource(file, this.inThreadMaxBytes) : undefined) ?? this.pool.read(file);

  /** Puts what was read of one file into the index; returns its problems. */
  private apply(file: string, origin: string, r: ReadResult): FileProblem[] {
    const problems = [...r.problems];
    if (r.source) problems.push(...this.index.upsert(r.source, { adopt: r.owned }).map((p) => ({ ...p, path: file })));
    else this.index.remove(file);
    this.origins.set(file, origin);
    if (problems.length) this.problems.set(file, problems);
    else this.problems.delete(file);
    return problems;
  }

  private display(file: string): string {
    for (const f of this.folders) if (isInside(f.path, file)) return path.relative(f.path, file);
    if (this.bundledDir && isInside(this.bundledDir, file)) return `corpus/${path.relative(this.bundledDir, file)}`;
    return file;
  }

  /**
   * Every problem goes to the log, one line each in one message (a start at BBC ×20 has about 5,000 of them: as many
   * messages, the client's output took seconds to receive them, each written in its own turn of the event loop);
   * the ones that cost the user a source (or more) also to a message.
   */
  private reportProblems(problems: FileProblem[]): void {
    if (problems.length) this.host.log(problems.map((p) => `Verbatim: ${this.display(p.path)}: ${p.severity}: ${p.message}`).join('\n'));
    const serious = problems.filter((p) => p.severity !== 'information');
    if (!serious.length) return;
    const files = [...new Set(serious.map((p) => p.path))];
    const first = serious[0];
    const message =
      files.length === 1
        ? `Verbatim: ${this.display(first.path)}: ${first.message}`
        : `Verbatim: ${files.length} sources have problems (${files.slice(0, 3).map((f) => this.display(f)).join(', ')}${files.length > 3 ? ', …' : ''}); the others are indexed. See the output for details.`;
    this.host.showMessage('warning', message);
  }

  /** Whether a file is a source under the current settings (not counting the bundled corpus). */
  matchesSources(file: string): Folder | undefined {
    if (!SOURCE_EXTENSIONS.includes(path.extname(file).toLowerCase())) return undefined;
    for (const folder of this.folders) {
      const rel = path.relative(folder.path, file).split(path.sep).join('/');
      for (const spec of this.sourcesFor(folder)) {
        if (isDynamicPattern(spec)) {
          const pattern = path.isAbsolute(spec) ? path.relative(folder.path, spec).split(path.sep).join('/') : spec;
          if (picomatch(pattern, { dot: false })(rel)) return folder;
        } else {
          const s = path.relative(folder.path, path.resolve(folder.path, spec)).split(path.sep).join('/');
          if (rel === s || rel.startsWith(s + '/')) return folder;
        }
      }
    }
    return undefined;
  }

  /** Watcher globs per folder for workspace/didChangeWatchedFiles. */
  watchPatterns(): { folder: Folder; pattern: string }[] {
    if (!this.trusted) return [];
    const out: { folder: Folder; pattern: string }[] = [];
    for (const folder of this.folders)
      for (const spec of this.sourcesFor(folder)) {
        if (isDynamicPattern(spec)) out.push({ folder, pattern: spec });
        else {
          out.push({ folder, pattern: spec });
          out.push({ folder, pattern: `${spec.replace(/\/+$/, '')}/**/*.{md,txt,markdown}` });
        }
      }
    return out;
  }

  /** A watched file was created, changed or deleted: update that file alone. */
  async fileChanged(uri: string, kind: 'created' | 'changed' | 'deleted'): Promise<boolean> {
    const file = uriToPath(uri);
    if (!file || !this.trusted) return false;
    if (kind === 'deleted') {
      let changed = false;
      for (const [f, origin] of [...this.origins]) {
        if (origin !== BUNDLED && (f === file || f.startsWith(file + path.sep))) {
          changed = this.index.remove(f) || changed;
          this.origins.delete(f);
          this.problems.delete(f);
          this.forgetLive(f);
        }
      }
      return changed;
    }
    const folder = this.matchesSources(file);
    // A source indexed from the editor keeps the editor's text: after a save it is the disk's, and a change made
    // elsewhere reaches the editor's document (and so the index) as a change of its own. Its close reads the disk.
    if (!folder || this.live.has(file)) return false;
    const r = await this.readFile(file);
    if (this.live.has(file)) return false;
    this.reportProblems(this.apply(file, folder.path, r));
    return true;
  }

  /** After a batch of file events. */
  changedFiles(): void {
    this.saveCacheSoon();
    this.host.onStatus(this.status());
    this.host.onIndexChanged();
  }

  /** Untrusted only: an open document that is a source inside a workspace folder is indexed from the editor's text. */
  openDocument(uri: string, text: string): boolean {
    if (this.trusted) return false;
    const file = uriToPath(uri);
    const folder = file && this.matchesSources(file);
    if (!file || !folder || !isInside(folder.path, file)) return false;
    this.index.upsert(analyzeSource(file, text));
    this.origins.set(file, 'open');
    return true;
  }

  closeDocument(uri: string): boolean {
    const file = uriToPath(uri);
    if (!file || this.origins.get(file) !== 'open') return false;
    this.origins.delete(file);
    return this.index.remove(file);
  }

  /**
   * Trusted: a document was changed in the editor (not merely opened: an unchanged file costs nothing). If it is a
   * workspace source, its text (`text()`, read when the delay has passed, so never older than the editor's) is
   * analysed LIVE_DELAY_MS after the last change, then `changed` is called. Never through the index cache: the cache
   * keys an analysis by the disk file's size and time, which the unsaved text does not have.
   */
  editDocument(uri: string, text: () => string | undefined, changed: () => void, delayMs = LIVE_DELAY_MS): void {
    if (!this.trusted) return;
    const file = uriToPath(uri);
    if (!file || !SOURCE_EXTENSIONS.includes(path.extname(file).toLowerCase())) return;
    clearTimeout(this.liveTimers.get(file));
    const timer = setTimeout(() => {
      this.liveTimers.delete(file);
      const t = text();
      const folder = this.trusted && this.matchesSources(file);
      if (t === undefined || !folder) return;
      this.apply(file, folder.path, { source: analyzeSource(file, t), problems: [] });
      this.live.add(file);
      changed();
    }, delayMs);
    timer.unref?.();
    this.liveTimers.set(file, timer);
  }

  /** Trusted: a document was closed; a source indexed from its text is read from disk again (its unsaved text is gone). */
  async closeEditedDocument(uri: string): Promise<boolean> {
    const file = uriToPath(uri);
    if (!file) return false;
    clearTimeout(this.liveTimers.get(file));
    this.liveTimers.delete(file);
    if (!this.live.delete(file)) return false;
    const origin = this.origins.get(file);
    if (origin === undefined) return false;
    // Never saved (or deleted meanwhile): it leaves the index as a deleted file does, without a "cannot read".
    if (!existsSync(file)) {
      this.origins.delete(file);
      this.problems.delete(file);
      return this.index.remove(file);
    }
    const r = await this.readFile(file);
    // Reopened and edited, or dropped from the sources, meanwhile.
    if (this.live.has(file) || this.origins.get(file) !== origin) return false;
    this.reportProblems(this.apply(file, origin, r));
    return true;
  }

  private forgetLive(file: string): void {
    this.live.delete(file);
    clearTimeout(this.liveTimers.get(file));
    this.liveTimers.delete(file);
  }

  /** Switching trust: forget what came from the editor, then reconcile with the disk. */
  async setTrusted(trusted: boolean): Promise<void> {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    for (const [f, origin] of [...this.origins]) if (origin === 'open') {
      this.index.remove(f);
      this.origins.delete(f);
    }
    await this.reindex({ reread: false });
  }
}
