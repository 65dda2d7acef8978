// Finds source files on disk for the CLI and the server (one file is read by node/readSource.ts). The only place
// that touches the file system for sources: everything it reads goes through the pure core (decodeText, analyzeSource).
// Nothing here throws for a bad file or folder: each problem comes back as a message naming the path.
import { existsSync, promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { SourceIndex } from '../core/index/sourceIndex';
import type { Problem } from '../core/types';
import type { AnalysisPool } from './analysisPool';
import type { ReadResult } from './analysisMessages';
import { eachInOrder } from './inOrder';
import { readSource, why } from './readSource';

export { readSource };
export type { ReadResult };

export const SOURCE_EXTENSIONS = ['.md', '.txt', '.markdown'];

/** A problem with a named file, ready to print as "path: message". */
export interface FileProblem extends Problem {
  path: string;
}

/** The bundled corpus folder: `corpus/` at the package root (found from the bundle or the sources). */
export function bundledCorpusDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'corpus');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`Verbatim's bundled corpus was not found above ${__dirname}`);
}

/**
 * Expands source specs (files, folders read recursively, glob patterns) into files.
 * A spec that matches nothing, or a named folder that cannot be listed, is an error: the user named it and must
 * hear it is missing. Trouble found inside a folder (an unreadable subfolder, a broken or looping symbolic link)
 * is a warning, and the rest is still read. Hidden entries (".git", ".obsidian") are skipped. Symbolic links are
 * followed; a file reached twice (through a link) is read once.
 */
export async function resolveSourceFiles(specs: string[], cwd: string): Promise<{ files: string[]; problems: FileProblem[] }> {
  const walker = new Walker();
  for (const spec of specs) {
    walker.startSpec();
    if (spec.trim() === '') {
      walker.problem('""', 'error', 'an empty path was given; name a file, a folder or a glob pattern');
      continue;
    }
    const abs = path.resolve(cwd, spec);
    let stat;
    let statError: unknown;
    try {
      stat = await fs.stat(abs);
    } catch (e) {
      statError = e;
    }
    if (stat?.isFile()) walker.addFile(abs, await realpathOr(abs));
    else if (stat?.isDirectory()) {
      const isSource = (f: string) => SOURCE_EXTENSIONS.includes(path.extname(f).toLowerCase());
      await walker.walk(abs, await realpathOr(abs), isSource, { named: spec });
    } else if (stat) walker.problem(spec, 'error', 'is not a file or a folder (a pipe, socket or device); it was not read');
    else if (picomatch.scan(posix(spec)).isGlob) await walker.glob(spec, cwd);
    else {
      const code = (statError as NodeJS.ErrnoException).code;
      walker.problem(spec, 'error', code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder' : `cannot be read (${why(statError)})`);
    }
  }
  return { files: [...walker.files.values()].sort(), problems: walker.problems };
}

/** Whether a file found by a walk is wanted: the file, and its path from the walk's start with "/" between names. */
type Accept = (file: string, rel: string) => boolean;

class Walker {
  /** Real path → the path it was found at (first one wins). */
  readonly files = new Map<string, string>();
  readonly problems: FileProblem[] = [];
  /** Folders read for the current spec (a folder reached twice through links is read once). */
  private walked = new Set<string>();
  /** Files accepted so far, counting those already found by an earlier spec. */
  private accepted = 0;

  startSpec(): void {
    this.walked = new Set();
  }

  problem(p: string, severity: Problem['severity'], message: string): void {
    this.problems.push({ path: p, severity, message });
  }

  /** A file found, at a normalized path (path.resolve's, or a walked folder's plus a name: normalizing each again was nearly half of listing 2,225 files). */
  addFile(shown: string, real: string): void {
    this.accepted++;
    if (!this.files.has(real)) this.files.set(real, shown);
  }

  async glob(spec: string, cwd: string): Promise<void> {
    const split = await splitPattern(spec, cwd);
    const base = path.resolve(cwd, split.base || '.');
    // picomatch(glob)'s matcher, without the result objects it makes for each file: a path that is the pattern
    // itself, or that its regular expression matches (a tenth of listing a 2,225-file corpus).
    const re = picomatch.makeRe(split.glob, { dot: false });
    const isMatch = (rel: string) => rel === split.glob || re.test(rel);
    const before = this.accepted;
    let baseReal: string | undefined;
    try {
      if ((await fs.stat(base)).isDirectory()) baseReal = await realpathOr(base);
    } catch {
      // reported below as matching nothing
    }
    if (baseReal !== undefined) await this.walk(base, baseReal, (_, rel) => isMatch(rel), { named: spec });
    if (this.accepted === before && !this.problems.some((p) => p.path === spec))
      this.problem(spec, 'error', 'no file matches this pattern');
  }

  /**
   * Reads a folder tree. `ancestors` are the real paths above `dir`, to catch links that loop back. `accept` gets each
   * file and its path from the walk's start in "/" form, built as the walk goes down (path.relative for every file
   * of a 2,225-file corpus was a third of listing it at each start).
   */
  async walk(dir: string, real: string, accept: Accept, opts: { named?: string; ancestors?: string[]; rel?: string }): Promise<void> {
    if (this.walked.has(real)) return;
    this.walked.add(real);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      // The folder the user named is unusable as a whole: an error. A subfolder: a warning, the rest is read.
      const severity = opts.named !== undefined ? 'error' : 'warning';
      this.problem(opts.named ?? dir, severity, `this folder cannot be read (${why(e)}); the files in it were not indexed`);
      return;
    }
    const ancestors = [...(opts.ancestors ?? []), real];
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = childPath(dir, entry.name);
      const fullReal = childPath(real, entry.name);
      const rel = opts.rel === undefined ? entry.name : `${opts.rel}/${entry.name}`;
      if (entry.isDirectory()) await this.walk(full, fullReal, accept, { ancestors, rel });
      else if (entry.isFile()) {
        if (accept(full, rel)) this.addFile(full, fullReal);
      } else if (entry.isSymbolicLink()) await this.followLink(full, rel, accept, ancestors);
      else if (accept(full, rel)) this.problem(full, 'warning', 'is not a regular file (a pipe, socket or device); it was not read');
    }
  }

  private async followLink(link: string, rel: string, accept: Accept, ancestors: string[]): Promise<void> {
    let stat;
    try {
      stat = await fs.stat(link);
    } catch (e) {
      // Only links that look like sources are worth a message; a broken link to anything else is not ours.
      if (!accept(link, rel)) return;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') this.problem(link, 'warning', 'is a symbolic link loop; it was not indexed');
      else if (code === 'ENOENT' || code === 'ENOTDIR') {
        const target = await fs.readlink(link).catch(() => '?');
        this.problem(link, 'warning', `is a broken symbolic link (it points to "${target}", which does not exist); it was not indexed`);
      } else this.problem(link, 'warning', `cannot be read (${why(e)}); it was not indexed`);
      return;
    }
    const real = await realpathOr(link);
    if (stat.isDirectory()) {
      if (ancestors.includes(real))
        this.problem(link, 'warning', `is a symbolic link to a folder that contains it (a loop: "${real}"); it was not followed`);
      else await this.walk(link, real, accept, { ancestors, rel });
    } else if (accept(link, rel)) {
      if (stat.isFile()) this.addFile(link, real);
      else this.problem(link, 'warning', 'links to something that is not a regular file (a pipe, socket or device); it was not read');
    }
  }
}

/** path.join(dir, name) for a normalized folder and a name from readdir (no separator in it), without normalizing again. */
function childPath(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

/**
 * Splits a glob pattern into the folder to walk and the pattern to match below it. The longest leading part that
 * names an existing folder is taken literally: a pattern in "My Sources (2021)" works although "(" is glob syntax.
 */
async function splitPattern(spec: string, cwd: string): Promise<{ base: string; glob: string }> {
  const parts = posix(spec).split('/');
  for (let i = parts.length - 1; i > 0; i--) {
    const base = parts.slice(0, i).join('/') || '/';
    const stat = await fs.stat(path.resolve(cwd, base)).catch(() => undefined);
    if (stat?.isDirectory()) return { base, glob: parts.slice(i).join('/') };
  }
  const scan = picomatch.scan(posix(spec));
  return { base: scan.base, glob: scan.glob };
}

async function realpathOr(p: string): Promise<string> {
  return fs.realpath(p).catch(() => path.resolve(p));
}

/** Glob patterns and picomatch speak "/"; Windows users may type "\". */
function posix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}

export interface LoadOptions {
  specs: string[];
  cwd: string;
  bundled: boolean;
  /**
   * How to read one file (default: `analyse` itself). `analyse` reads and analyses a file: in the pool's workers or
   * in this thread. node/indexCache.ts passes its cached read, which analyses only the files that changed (and
   * answers at once, without a promise, for a file it decodes).
   */
  read?: (file: string, analyse: (file: string) => Promise<ReadResult>) => ReadResult | Promise<ReadResult>;
  /** Analyses in worker threads when there are enough files for it to pay (see POOL_FROM_FILES). */
  pool?: AnalysisPool;
}

/** Fewer files than this are analysed in this thread: starting workers would cost more than it saves. */
export const POOL_FROM_FILES = 8;

/** Builds an index from the bundled corpus (unless turned off) and the given specs. */
export async function loadIndex(opts: LoadOptions): Promise<{ index: SourceIndex; problems: FileProblem[] }> {
  const specs = [...(opts.bundled ? [bundledCorpusDir()] : []), ...opts.specs];
  const { files, problems } = await resolveSourceFiles(specs, opts.cwd);
  const index = new SourceIndex();
  const pool = opts.pool && files.length >= POOL_FROM_FILES ? opts.pool : undefined;
  const analyse = pool ? pool.read : readSource;
  const read = opts.read ? (file: string) => opts.read!(file, analyse) : analyse;
  // Several files are analysed at once in the pool; the results are added in file order, as one at a time would.
  await eachInOrder(files, read, pool ? pool.inFlight : 1, (file, r) => {
    problems.push(...r.problems);
    if (r.source) problems.push(...index.upsert(r.source, { adopt: r.owned }).map((p) => ({ ...p, path: file })));
    return true;
  });
  return { index, problems };
}
