// Names as writers type them and names found in a line give exactly what the editor's per-version lookup gave (the
// names map built in passes, and one regular expression of every name and alias), and keep giving it as sources are
// replaced and removed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NameIndex } from '../../../server/src/core/index/nameIndex';
import { SourceIndex } from '../../../server/src/core/index/sourceIndex';
import type { Entity } from '../../../server/src/core/types';
import { churn, edited, rng, sampleSources } from './support';

/** The editor's lookup before the name index (lsp/lookup.ts at 55755bb), verbatim. */
class Reference {
  private readonly names = new Map<string, string>();
  private readonly entityByName = new Map<string, Entity>();
  private readonly entityPattern: RegExp;
  constructor(index: SourceIndex) {
    const entities = index.entities();
    for (const e of entities) this.entityByName.set(e.name.toLowerCase(), e);
    const add = (key: string, canonical: string) => {
      const k = key.toLowerCase().trim();
      if (k && !this.names.has(k)) this.names.set(k, canonical);
    };
    for (const s of index.speakers()) add(s, s);
    for (const e of entities) add(e.name, e.name);
    for (const e of entities) for (const a of e.aliases) add(a, e.name);
    for (const s of index.speakers()) {
      const last = s.split(/\s+/).pop();
      if (last && last !== s) add(last, s);
    }
    for (const e of entities) {
      if (e.type !== 'person') continue;
      const last = e.name.split(/\s+/).pop();
      if (last && last !== e.name) add(last, e.name);
    }
    const forms = new Set<string>();
    for (const e of entities) for (const f of [e.name, ...e.aliases]) if (f.trim().length > 1) forms.add(f.trim());
    const sorted = [...forms].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.entityPattern = sorted.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : /$^/gu;
  }
  resolveName(written: string): string | undefined {
    const words = written.trim().split(/\s+/).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const hit = this.names.get(words.slice(i).join(' ').toLowerCase().replace(/['’]s$/, ''));
      if (hit) return hit;
    }
    return undefined;
  }
  entity(name: string): Entity | undefined {
    return this.entityByName.get(name.toLowerCase());
  }
  entityMentions(line: string): { start: number; end: number; entity: Entity }[] {
    const out: { start: number; end: number; entity: Entity }[] = [];
    this.entityPattern.lastIndex = 0;
    for (let m = this.entityPattern.exec(line); m; m = this.entityPattern.exec(line)) {
      if (m[0].length === 0) {
        this.entityPattern.lastIndex++;
        continue;
      }
      const canonical = this.names.get(m[0].toLowerCase());
      const entity = canonical ? this.entity(canonical) : undefined;
      if (entity) out.push({ start: m.index, end: m.index + m[0].length, entity });
    }
    return out;
  }
}

function compare(index: SourceIndex, seed: number): void {
  const names = NameIndex.for(index);
  const ref = new Reference(index);
  const random = rng(seed);
  const written = [...index.speakers(), ...index.entities().flatMap((e) => [e.name, ...e.aliases])];
  for (let k = 0; k < 300; k++) {
    const w = written[Math.floor(random() * written.length)];
    const variants = [w, w.toLowerCase(), `spokesman ${w}`, `${w}'s`, w.split(/\s+/).pop()!];
    for (const v of variants) assert.equal(names.resolveName(v), ref.resolveName(v), v);
    assert.equal(names.entity(w), ref.entity(w), w);
  }
  // Lines of the sources themselves (full of names), and names glued to letters.
  for (let k = 0; k < 60; k++) {
    const s = index.sources[Math.floor(random() * index.sourceCount)];
    const lines = s.text.split('\n').filter((l) => l.trim());
    const line = lines[Math.floor(random() * lines.length)].slice(0, 600);
    const view = (ms: { start: number; end: number; entity: Entity }[]) => ms.map((m) => `${m.start}-${m.end}:${m.entity.type}:${m.entity.name}`);
    assert.deepEqual(view(names.entityMentions(line)), view(ref.entityMentions(line)), line);
    const glued = `x${written[k % written.length]}y and (${written[(k * 7) % written.length]}), ${written[(k * 3) % written.length]}'s`;
    assert.deepEqual(view(names.entityMentions(glued)), view(ref.entityMentions(glued)), glued);
  }
}

describe('NameIndex', () => {
  const sources = sampleSources(120);

  test('the same answers as the names map and the pattern of every name', () => {
    const index = new SourceIndex();
    for (const s of sources) index.upsert(s);
    compare(index, 1);
  });

  test('built a part at a time (a server warming it between requests), changes between the parts: still the same', () => {
    const index = new SourceIndex();
    for (const s of sources) index.upsert(s);
    // `more` says no at once: each part adds one batch of names.
    assert.equal(NameIndex.warm(index, () => false), false);
    // A source gone, another given a new speaker after the first part: applied when the parts are done.
    index.remove(sources[1].path);
    index.upsert(edited(sources[2], 1));
    let parts = 1;
    while (!NameIndex.warm(index, () => false)) parts++;
    assert.ok(parts > 3, `${parts} parts for ${index.entityCount} entities`);
    compare(index, 2);
    assert.equal(NameIndex.for(index).resolveName('Tester1'), 'Jane Tester1');
    const other = new SourceIndex();
    for (const s of sources) other.upsert(s);
    assert.equal(NameIndex.warm(other, () => false), false);
    compare(other, 3);
  });

  test('after replacements and removals, still the same, and updated rather than rebuilt', () => {
    const index = new SourceIndex();
    for (const s of sources) index.upsert(s);
    const names = NameIndex.for(index);
    churn(index, 4, 50, 10, (r) => {
      assert.equal(NameIndex.for(index), names);
      compare(index, r);
    });
  });
});
