import { parse as parseYaml } from 'yaml';
import type { Problem, SourceMeta } from '../types';
import { simpleFields } from './simpleFields';

export interface FrontMatter {
  /** Fields found (all optional; id is filled in by the caller when missing). */
  meta: Partial<SourceMeta>;
  /** Offset of the first character after the front matter (0 when there is none). */
  bodyStart: number;
  problems: Problem[];
}

const KNOWN_FIELDS = ['id', 'title', 'outlet', 'author', 'date', 'url'] as const;

/**
 * Reads optional YAML front matter ("---" on the first line, closed by "---" or "..."). Malformed
 * front matter is reported and the body is still indexed from after the closing fence.
 */
export function parseFrontMatter(text: string): FrontMatter {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!open) return { meta: {}, bodyStart: 0, problems: [] };
  const fence = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;
  fence.lastIndex = open[0].length;
  const close = fence.exec(text);
  if (!close) {
    return {
      meta: {},
      bodyStart: 0,
      problems: [
        {
          severity: 'warning',
          message: 'Front matter opened with "---" is never closed; the whole file is read as text.',
          span: { start: 0, end: open[0].length },
        },
      ],
    };
  }
  const yamlText = text.slice(open[0].length, close.index);
  const bodyStart = close.index + close[0].length;
  const problems: Problem[] = [];
  let data: unknown;
  try {
    data = simpleFields(yamlText) ?? parseYaml(yamlText, { schema: 'core', maxAliasCount: 10 });
  } catch (e) {
    // The YAML parser counts lines from the start of the front matter; the user counts from the file's first line.
    const err = e as { message?: string; linePos?: { line: number; col: number }[] };
    const what = (err.message ?? String(e)).split('\n')[0].replace(/ at line \d+, column \d+:?\s*$/, '').replace(/:$/, '');
    const where = err.linePos?.[0] ? ` at line ${err.linePos[0].line + 1}, column ${err.linePos[0].col}` : '';
    problems.push({
      severity: 'warning',
      message: `Malformed front matter (${what}${where}); its metadata was ignored.`,
      span: { start: 0, end: bodyStart },
    });
    return { meta: {}, bodyStart, problems };
  }
  const meta: Partial<SourceMeta> = {};
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    problems.push({
      severity: 'warning',
      message: 'Front matter is not a set of "key: value" fields; its metadata was ignored.',
      span: { start: 0, end: bodyStart },
    });
    return { meta, bodyStart, problems };
  }
  const record = (data ?? {}) as Record<string, unknown>;
  for (const key of KNOWN_FIELDS) {
    const v = record[key];
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' || typeof v === 'number') meta[key] = String(v).trim();
    else if (v instanceof Date) meta[key] = v.toISOString().slice(0, 10);
    else
      problems.push({
        severity: 'warning',
        message: `Front matter field "${key}" should be text; it was ignored.`,
        span: { start: 0, end: bodyStart },
      });
  }
  if (meta.id !== undefined && !/^[\p{L}\p{N}_][\p{L}\p{N}_.:-]*$/u.test(meta.id)) {
    problems.push({
      severity: 'warning',
      message: `Front matter id "${meta.id}" may only hold letters, digits and . : - _; the file name is used instead.`,
      span: { start: 0, end: bodyStart },
    });
    delete meta.id;
  }
  return { meta, bodyStart, problems };
}

/** A citation-key-friendly id from a file path: "news/2021 Putin Biden.txt" → "2021-putin-biden". */
export function idFromPath(path: string): string {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? path;
  const stem = base.replace(/\.[^.]*$/, '');
  const slug = stem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug) return slug;
  // Names in other scripts (東京.md, Интервью.txt) keep their letters: citation keys may be any Unicode word.
  const unicode = stem.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return unicode || 'source';
}
