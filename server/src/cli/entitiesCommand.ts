import type { SourceIndex } from '../core/index/sourceIndex';

/** `verbatim entities`: JSON (the contract in the README) or a readable table. */
export function listEntities(index: SourceIndex, opts: { json: boolean }): string {
  const rows = index
    .entities()
    .map((e) => ({ name: e.name, type: e.type, aliases: e.aliases, role: e.role ?? null, affiliation: e.affiliation ?? null, mentions: e.mentions.length }))
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  if (opts.json) return JSON.stringify(rows, null, 2) + '\n';
  let out = '';
  for (const r of rows) {
    const role = [r.role, r.affiliation].filter(Boolean).join(', ');
    const aka = r.aliases.length ? `  aka ${r.aliases.join(', ')}` : '';
    out += `${r.name} [${r.type}] ×${r.mentions}${role ? ` — ${role}` : ''}${aka}\n`;
  }
  out += `${rows.length} entities\n`;
  return out;
}
