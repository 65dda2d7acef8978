// `verbatim check FILE...`: checks each draft's quotations against the sources. Text output is one line
// a finding, `file:line:column: severity code message` (1-based, like compilers); JSON is an array of
// findings with 0-based UTF-16 ranges as in LSP. Exit 0 when nothing at warning level or above was
// found, 1 when something was, 2 for bad usage or a draft that cannot be read (then nothing is checked).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { SourceIndex } from '../core/index/sourceIndex';
import { checkDraft } from '../core/check/checkDraft';
import type { CheckOptions, Finding } from '../core/check/types';
import { LineIndex } from '../core/text/lineIndex';
import { decodeText } from '../core/sources/decode';
import type { CliIo } from './main';
import { displayPath, UsageError } from './main';

export interface CheckFlags {
  format?: string;
  minWords?: string;
}

/** One finding as the CLI prints it in JSON (the contract in issue 3 and the README). */
export interface JsonFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Finding['severity'];
  code: Finding['code'];
  message: string;
  source?: { path: string; id: string; speaker: string | null; range: JsonFinding['range'] };
  fixes?: Array<{ title: string; range: JsonFinding['range']; newText: string }>;
}

export function parseMinWords(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--min-words needs a whole number of words, 1 or more (got "${value}")`);
  return Number(value);
}

/** Reads a draft: text, or a message saying why it cannot be read. */
async function readDraft(file: string, cwd: string): Promise<{ text?: string; error?: string }> {
  const abs = path.resolve(cwd, file);
  try {
    const stat = await fs.stat(abs);
    if (stat.isDirectory()) return { error: 'is a folder, not a draft; name the files to check' };
    const bytes = await fs.readFile(abs);
    const decoded = decodeText(bytes);
    if (decoded.binary) return { error: 'is not a text file' };
    return { text: decoded.text };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.message;
    return { error: `cannot be read (${why})` };
  }
}

export async function runCheck(index: SourceIndex, files: string[], opts: CheckFlags, io: CliIo): Promise<number> {
  if (files.length === 0) throw new UsageError('"check" needs at least one draft FILE');
  if (opts.format !== undefined && opts.format !== 'text' && opts.format !== 'json')
    throw new UsageError(`unknown --format "${opts.format}" (use text or json)`);
  const minWords = parseMinWords(opts.minWords);
  const json = opts.format === 'json';

  // Read every draft first: one that cannot be read fails the run before anything is printed.
  const drafts: Array<{ file: string; text: string }> = [];
  let unreadable = false;
  for (const file of files) {
    const r = await readDraft(file, io.cwd);
    if (r.error !== undefined) {
      io.stderr.write(`verbatim: ${file}: error: ${r.error}\n`);
      unreadable = true;
    } else drafts.push({ file, text: r.text! });
  }
  if (unreadable) return 2;

  const options: CheckOptions = minWords !== undefined ? { minUnverifiedWords: minWords } : {};
  const all: JsonFinding[] = [];
  let loud = 0;
  let quotations = 0;
  let out = '';
  for (const d of drafts) {
    const result = checkDraft(d.text, index, options);
    quotations += result.quotations.length;
    const lines = new LineIndex(d.text);
    for (const f of result.findings) {
      if (f.severity === 'error' || f.severity === 'warning') loud++;
      const range = lines.rangeOf(f.span);
      if (json) all.push(toJson(d.file, f, lines, index, io.cwd));
      else out += `${d.file}:${range.start.line + 1}:${range.start.character + 1}: ${f.severity} ${f.code} ${f.message}${sourceSuffix(f, index, io.cwd)}\n`;
    }
  }
  if (json) io.stdout.write(JSON.stringify(all, null, 2) + '\n');
  else {
    io.stdout.write(out);
    const n = loud;
    io.stderr.write(
      `verbatim: ${quotations} quotation${quotations === 1 ? '' : 's'} checked in ${drafts.length} draft${drafts.length === 1 ? '' : 's'}: ` +
        `${n === 0 ? 'no problems' : `${n} problem${n === 1 ? '' : 's'}`}\n`,
    );
  }
  return loud > 0 ? 1 : 0;
}

/** " (source: path:line:column)" for a finding that points into a source (1-based, like the draft's). */
function sourceSuffix(f: Finding, index: SourceIndex, cwd: string): string {
  if (!f.source) return '';
  const src = index.sourceById(f.source.sourceId);
  if (!src) return '';
  const at = index.lines(src).positionAt(f.source.span.start);
  return ` (source: ${displayPath(f.source.path, cwd)}:${at.line + 1}:${at.character + 1})`;
}

function toJson(file: string, f: Finding, lines: LineIndex, index: SourceIndex, cwd: string): JsonFinding {
  const row: JsonFinding = { file, range: lines.rangeOf(f.span), severity: f.severity, code: f.code, message: f.message };
  if (f.source) {
    const src = index.sourceById(f.source.sourceId);
    row.source = {
      path: displayPath(f.source.path, cwd),
      id: f.source.sourceId,
      speaker: f.source.speaker,
      range: src ? index.lines(src).rangeOf(f.source.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    };
  }
  if (f.fixes.length) row.fixes = f.fixes.map((x) => ({ title: x.title, range: lines.rangeOf(x.span), newText: x.newText }));
  return row;
}
