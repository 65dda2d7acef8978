// Reads source files from disk for the CLI and the server. The only place that touches the file
// system for sources: everything it reads goes through the pure core (decodeText, analyzeSource).
import { existsSync, promises as fs, statSync } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { decodeText, MAX_SOURCE_BYTES } from '../core/sources/decode';
import { analyzeSource } from '../core/sources/analyze';
import { SourceIndex } from '../core/index/sourceIndex';
import type { AnalyzedSource, Problem } from '../core/types';

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
 * A spec that matches nothing is an error: the user named it and must hear it is missing.
 */
export async function resolveSourceFiles(specs: string[], cwd: string): Promise<{ files: string[]; problems: FileProblem[] }> {
  const files = new Set<string>();
  const problems: FileProblem[] = [];
  for (const spec of specs) {
    const abs = path.resolve(cwd, spec);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) files.add(abs);
    else if (stat?.isDirectory()) {
      const found = await glob(SOURCE_EXTENSIONS.map((e) => `**/*${e}`), { cwd: abs, absolute: true, followSymbolicLinks: false });
      for (const f of found) files.add(path.normalize(f));
    } else if (isDynamicPattern(spec)) {
      const found = await glob([spec], { cwd, absolute: true, followSymbolicLinks: false });
      if (found.length === 0) problems.push({ path: spec, severity: 'error', message: 'no file matches this pattern' });
      for (const f of found) files.add(path.normalize(f));
    } else {
      problems.push({ path: spec, severity: 'error', message: 'no such file or folder' });
    }
  }
  return { files: [...files].sort(), problems };
}

/** Reads, decodes and analyses one file. Never throws: failures come back as problems. */
export async function readSource(file: string): Promise<{ source?: AnalyzedSource; problems: FileProblem[] }> {
  const at = (p: Problem): FileProblem => ({ ...p, path: file });
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_SOURCE_BYTES) {
      const mb = (stat.size / 1024 / 1024).toFixed(1);
      return { problems: [at({ severity: 'warning', message: `${mb} MB is over the ${MAX_SOURCE_BYTES / 1024 / 1024} MB limit for a source; it was not indexed.` })] };
    }
    const bytes = await fs.readFile(file);
    const decoded = decodeText(bytes);
    const problems = decoded.problems.map(at);
    if (decoded.binary) return { problems };
    const source = analyzeSource(file, decoded.text);
    problems.push(...source.problems.map(at));
    return { source, problems };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'the file disappeared' : err.message;
    return { problems: [at({ severity: 'warning', message: `cannot be read (${why}); it was not indexed.` })] };
  }
}

export interface LoadOptions {
  specs: string[];
  cwd: string;
  bundled: boolean;
}

/** Builds an index from the bundled corpus (unless turned off) and the given specs. */
export async function loadIndex(opts: LoadOptions): Promise<{ index: SourceIndex; problems: FileProblem[] }> {
  const specs = [...(opts.bundled ? [bundledCorpusDir()] : []), ...opts.specs];
  const { files, problems } = await resolveSourceFiles(specs, opts.cwd);
  const index = new SourceIndex();
  for (const file of files) {
    const r = await readSource(file);
    problems.push(...r.problems);
    if (r.source) problems.push(...index.upsert(r.source).map((p) => ({ ...p, path: file })));
  }
  return { index, problems };
}
