import type { SourceIndex } from '../core/index/sourceIndex';
import { displayPath } from './main';

/** `verbatim quotes`: JSON (the contract in the README) or a listing grouped by speaker. */
export function listQuotes(index: SourceIndex, opts: { json: boolean; cwd: string }): string {
  const rows = index.sources.flatMap((source) => {
    const lines = index.lines(source);
    return source.quotes.map((q) => ({
      source: { path: displayPath(source.path, opts.cwd), id: source.meta.id, title: source.meta.title ?? null },
      text: q.text,
      speaker: q.speaker,
      kind: q.kind,
      range: lines.rangeOf(q.span),
    }));
  });
  if (opts.json) return JSON.stringify(rows, null, 2) + '\n';

  const bySpeaker = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = r.speaker ?? (r.kind === 'fragment' ? '(fragments and scare quotes)' : '(unattributed)');
    bySpeaker.set(key, [...(bySpeaker.get(key) ?? []), r]);
  }
  const order = [...bySpeaker.keys()].sort((a, b) => (a.startsWith('(') ? 1 : 0) - (b.startsWith('(') ? 1 : 0) || a.localeCompare(b));
  let out = '';
  for (const speaker of order) {
    const list = bySpeaker.get(speaker)!;
    out += `${speaker} (${list.length})\n`;
    for (const r of list) out += `  “${r.text}”\n      ${r.source.path}:${r.range.start.line + 1}:${r.range.start.character + 1}\n`;
    out += '\n';
  }
  out += `${rows.length} quotes in ${index.sources.length} source${index.sources.length === 1 ? '' : 's'}\n`;
  return out;
}
