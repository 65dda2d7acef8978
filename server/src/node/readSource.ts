// Reads one source file: open, size limit, decode, analyse. Its own module because the analysis worker
// (node/analyzeWorker.ts) runs it too, and must not load the rest of loadSources.ts (globbing, the index).
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { analyzeSource } from '../core/sources/analyze';
import { decodeText, MAX_SOURCE_BYTES } from '../core/sources/decode';
import type { Problem } from '../core/types';
import type { ReadResult } from './analysisMessages';
import type { FileProblem } from './loadSources';

/** Reads, decodes and analyses one file. Never throws: failures come back as problems naming the file. */
export async function readSource(file: string): Promise<ReadResult> {
  const at = (p: Problem): FileProblem => ({ ...p, path: file });
  const fail = (message: string) => ({ problems: [at({ severity: 'warning', message })] });
  const limitMb = MAX_SOURCE_BYTES / 1024 / 1024;
  const tooLarge = (bytes: number) =>
    fail(`is too large to index (${(bytes / 1024 / 1024).toFixed(1)} MB; the limit for a source is ${limitMb} MB); split it into smaller files to use it as a source`);
  let handle: FileHandle | undefined;
  try {
    // One open file for the stat and the read, so a file replaced in between is read whole or not at all.
    // O_NONBLOCK: opening a named pipe must not wait for a writer (it is refused below).
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const stat = await handle.stat();
    if (stat.isDirectory()) return fail('is a folder, not a file; it was not indexed');
    if (!stat.isFile()) return fail('is not a regular file (a pipe, socket or device); it was not read');
    if (stat.size > MAX_SOURCE_BYTES) return tooLarge(stat.size);
    // Read to the end rather than trusting the size: the file may grow or shrink while it is read.
    const bytes = await readAtMost(handle, MAX_SOURCE_BYTES + 1, stat.size);
    if (bytes.length > MAX_SOURCE_BYTES)
      return fail(`grew past the ${limitMb} MB limit for a source while it was being read; it was not indexed`);
    return withStamp(analyseBytes(file, bytes), stat, bytes.length);
  } catch (e) {
    return fail(`cannot be read (${why(e)}); it was not indexed`);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * `readSource` with blocking calls, for a file up to `maxBytes` (same results, same problems); undefined when the file
 * is a regular file larger than that (the caller reads it elsewhere). Why: on a cold start of 2,225 small files the
 * five asynchronous calls per file (stat, open, fstat, read, close) cost more of the server's thread than reading
 * them, and leave it idle between files; a small local file is read in microseconds.
 */
export function readSmallSource(file: string, maxBytes: number): ReadResult | undefined {
  const at = (p: Problem): FileProblem => ({ ...p, path: file });
  const fail = (message: string) => ({ problems: [at({ severity: 'warning', message })] });
  let fd: number | undefined;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return fail('is a folder, not a file; it was not indexed');
    if (!stat.isFile()) return fail('is not a regular file (a pipe, socket or device); it was not read');
    if (stat.size > Math.min(maxBytes, MAX_SOURCE_BYTES)) return undefined;
    // Read to the end, as readSource does: the file may have grown since the stat (then it is read elsewhere).
    const buf = Buffer.allocUnsafe(stat.size + 1);
    let total = 0;
    for (let n; total < buf.length && (n = readSync(fd, buf, total, buf.length - total, null)) > 0; ) total += n;
    if (total > stat.size) return undefined;
    return withStamp(analyseBytes(file, buf.subarray(0, total)), stat, total);
  } catch (e) {
    return fail(`cannot be read (${why(e)}); it was not indexed`);
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // nothing to do: the file was read (or not) already
      }
    }
  }
}

/** The result with the file's size and time, when the bytes read are the whole file the stat saw. */
function withStamp(r: ReadResult, stat: { size: number; mtimeMs: number }, bytesRead: number): ReadResult {
  if (r.source && bytesRead === stat.size) r.stamp = { size: stat.size, mtimeMs: stat.mtimeMs };
  return r;
}

/** Decodes and analyses the bytes of one file (both readers). */
function analyseBytes(file: string, bytes: Uint8Array): ReadResult {
  const at = (p: Problem): FileProblem => ({ ...p, path: file });
  const decoded = decodeText(bytes);
  const problems = decoded.problems.map(at);
  if (decoded.binary) return { problems };
  const source = analyzeSource(file, decoded.text);
  problems.push(...source.problems.map(at));
  return { source, problems };
}

async function readAtMost(handle: FileHandle, limit: number, sizeHint: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const buf = Buffer.allocUnsafe(Math.min(limit - total, Math.max(sizeHint - total + 1, 64 * 1024)));
    const { bytesRead } = await handle.read(buf, 0, buf.length, null);
    if (bytesRead === 0) break;
    chunks.push(buf.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** A file-system error in words ("permission denied"), without the path (the message names it already). */
export function why(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'it was deleted or moved while Verbatim was reading the sources';
    case 'ELOOP':
      return 'a symbolic link loop';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open';
    case 'EIO':
      return 'an input/output error from the disk';
    default:
      return (err instanceof Error ? err.message : String(e)).replace(/^E[A-Z]+: /, '').replace(/, \w+ '.*'$/s, '');
  }
}

