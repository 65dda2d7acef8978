import type { AnalyzedSource, Entity, Problem, Quote } from '../types';
import { LineIndex } from '../text/lineIndex';
import type { IndexChanges, QuoteStore, SourceChange } from './store';

export type { IndexChanges, SourceChange };

/**
 * A merged entity and the per-source entities it is made of, in the order the sources were added (parallel arrays:
 * a Map per entity cost more than the entity at BBC ×1). The first part gives the spelling and type.
 */
interface MergedRecord {
  entity: Entity;
  parts: Entity[];
  /** The source path of each part. */
  paths: string[];
  /** The entity still uses its only part's aliases and mentions arrays (most entities are named by one source): they are copied before the first change. */
  borrowed: boolean;
}

/** Changes kept for the derived indexes to catch up with; one that falls further behind rebuilds. */
const JOURNAL_LIMIT = 20_000;

/**
 * The index of every source: their quotes and the entities merged across sources.
 * Sources are added, replaced and removed one file at a time, and a change costs that file only: quotes by id and by
 * speaker, and the merged entities, are kept up to date incrementally (a merged entity is one object, updated in
 * place), and the derived indexes (passage index, quote search, names, speakers) catch up through `changesSince`.
 */
export class SourceIndex implements QuoteStore {
  private readonly byPath = new Map<string, AnalyzedSource>();
  private readonly byId = new Map<string, AnalyzedSource>();
  private readonly lineIndexes = new Map<string, LineIndex>();
  /** Quotes by id (ids are given in order, from 1: an array, not a Map; a removed quote leaves a hole). */
  private readonly quoteById: Array<Quote | undefined> = [];
  private liveQuotes = 0;
  private readonly bySpeaker = new Map<string, Quote[]>();
  private readonly merged = new Map<string, MergedRecord>();
  private nextQuoteId = 1;
  private quoteList: Quote[] | undefined;
  private entityList: Entity[] | undefined;
  private readonly journal: Array<{ version: number; change: SourceChange; entities: Entity[]; speakers: string[] }> = [];
  /** Bumped on every change; caches keyed on it stay valid until the next change. */
  version = 0;

  /**
   * Adds or replaces the source at `source.path`. Returns problems about the index itself (duplicate ids).
   * The caller's quotes are copied (the index numbers its own), unless `adopt` says the caller hands the source over
   * and keeps no reference to it (a record just decoded from the cache): then they are numbered in place, one object
   * fewer per quote at every start.
   */
  upsert(source: AnalyzedSource, opts: { adopt?: boolean } = {}): Problem[] {
    const problems: Problem[] = [];
    this.remove(source.path);
    const owner = this.byId.get(source.meta.id);
    if (owner) {
      const original = source.meta.id;
      let n = 2;
      while (this.byId.has(`${original}-${n}`)) n++;
      source = { ...source, meta: { ...source.meta, id: `${original}-${n}` } };
      problems.push({
        severity: 'warning',
        message: `Source id "${original}" is already used by ${owner.path}; this file is cited as "${source.meta.id}".`,
      });
    }
    const sourceId = source.meta.id;
    const stored: AnalyzedSource = {
      ...source,
      quotes: opts.adopt ? numberInPlace(source.quotes, sourceId, () => this.nextQuoteId++) : source.quotes.map((q) => ({ ...q, sourceId, id: this.nextQuoteId++ })),
      // The index never changes a source's entities, so they are shared with the caller; unless the source id was
      // just renamed: then those naming the old id are copied.
      entities: opts.adopt && !owner ? source.entities : source.entities.map((e) => (e.mentions.every((m) => m.sourceId === sourceId) ? e : { ...e, mentions: e.mentions.map((m) => ({ ...m, sourceId })) })),
    };
    this.byPath.set(stored.path, stored);
    this.byId.set(sourceId, stored);
    const speakers: string[] = [];
    for (const q of stored.quotes) {
      this.quoteById[q.id] = q;
      this.liveQuotes++;
      if (q.speaker) {
        const list = this.bySpeaker.get(q.speaker);
        if (list) list.push(q);
        else this.bySpeaker.set(q.speaker, [q]);
        speakers.push(q.speaker);
      }
    }
    // Arrays handed out are never changed afterwards: a change drops them, and they are listed again when asked for
    // (the counts are kept without them).
    this.quoteList = undefined;
    const touched = this.mergeIn(stored);
    this.changed({ kind: 'add', source: stored }, touched, speakers);
    return problems;
  }

  remove(path: string): boolean {
    const old = this.byPath.get(path);
    if (!old) return false;
    this.byPath.delete(path);
    if (this.byId.get(old.meta.id) === old) this.byId.delete(old.meta.id);
    this.lineIndexes.delete(path);
    const speakers = new Set<string>();
    for (const q of old.quotes) {
      if (this.quoteById[q.id]) this.liveQuotes--;
      this.quoteById[q.id] = undefined;
      if (q.speaker) speakers.add(q.speaker);
    }
    for (const speaker of speakers) {
      const left = (this.bySpeaker.get(speaker) ?? []).filter((x) => this.quoteById[x.id] !== undefined);
      if (left.length) this.bySpeaker.set(speaker, left);
      else this.bySpeaker.delete(speaker);
    }
    this.quoteList = undefined;
    const touched = this.mergeOut(old);
    this.changed({ kind: 'remove', source: old }, touched, [...speakers]);
    return true;
  }

  get sources(): AnalyzedSource[] {
    return [...this.byPath.values()];
  }

  /** How many sources are indexed (without listing them). */
  get sourceCount(): number {
    return this.byPath.size;
  }

  sourceById(id: string): AnalyzedSource | undefined {
    return this.byId.get(id);
  }

  sourceByPath(path: string): AnalyzedSource | undefined {
    return this.byPath.get(path);
  }

  /** Line/character conversion for a source's text, built once per version of the source. */
  lines(source: AnalyzedSource): LineIndex {
    let li = this.lineIndexes.get(source.path);
    if (!li) {
      li = new LineIndex(source.text);
      this.lineIndexes.set(source.path, li);
    }
    return li;
  }

  /** Every quote, in the order the sources were added (by id). */
  quotes(): Quote[] {
    this.quoteList ??= [...this.byPath.values()].flatMap((s) => s.quotes);
    return this.quoteList;
  }

  get quoteCount(): number {
    return this.liveQuotes;
  }

  get entityCount(): number {
    return this.merged.size;
  }

  quote(id: number): Quote | undefined {
    return this.quoteById[id];
  }

  /** The quotes given to a speaker (canonical name), by id. */
  quotesBy(speaker: string): Quote[] {
    return this.bySpeaker.get(speaker) ?? [];
  }

  /** Every speaker, in the order their first quote was added. */
  speakers(): string[] {
    return [...this.bySpeaker.keys()];
  }

  /** Entities merged across sources by canonical name and type. The objects stay the same as sources come and go. */
  entities(): Entity[] {
    this.entityList ??= [...this.merged.values()].map((r) => r.entity);
    return this.entityList;
  }

  /** Whether a merged entity (from entities() or a change) is still in the index. */
  hasEntity(e: Entity): boolean {
    return this.merged.get(SourceIndex.keyOf(e))?.entity === e;
  }

  /**
   * What changed since `version` (for derived indexes to catch up), or undefined when the index cannot tell (too
   * far behind, or a version from before this index): then rebuild.
   */
  changesSince(version: number): IndexChanges | undefined {
    if (version === this.version) return { sources: [], entities: new Set(), speakers: new Set() };
    if (version > this.version || version < 0) return undefined;
    const first = this.journal.length ? this.journal[0].version : this.version + 1;
    if (version + 1 < first) return undefined;
    const out: IndexChanges = { sources: [], entities: new Set(), speakers: new Set() };
    // Entries are in version order: find the first after `version`.
    let lo = 0;
    let hi = this.journal.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.journal[mid].version <= version) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.journal.length; i++) {
      const j = this.journal[i];
      out.sources.push(j.change);
      for (const e of j.entities) out.entities.add(e);
      for (const s of j.speakers) out.speakers.add(s);
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Merged entities, kept incrementally. Merging follows the order the sources were added: the first source to name
  // an entity gives its name's spelling and type; aliases are unioned; role and affiliation come from the first
  // source that has them; mentions are concatenated.

  private static keyOf(e: Entity): string {
    return `${e.type}:${e.name.toLowerCase()}`;
  }

  private mergeIn(source: AnalyzedSource): Entity[] {
    const touched: Entity[] = [];
    let created = false;
    for (const e of source.entities) {
      const key = SourceIndex.keyOf(e);
      const rec = this.merged.get(key);
      if (!rec) {
        const entity = { ...e };
        this.merged.set(key, { entity, parts: [e], paths: [source.path], borrowed: true });
        created = true;
        touched.push(entity);
        continue;
      }
      rec.parts.push(e);
      rec.paths.push(source.path);
      ownArrays(rec);
      fold(rec.entity, e);
      touched.push(rec.entity);
    }
    if (created) this.entityList = undefined;
    return touched;
  }

  private mergeOut(source: AnalyzedSource): Entity[] {
    const touched: Entity[] = [];
    let dropped = false;
    for (const e of source.entities) {
      const key = SourceIndex.keyOf(e);
      const rec = this.merged.get(key);
      if (!rec) continue;
      const wasFirst = rec.paths[0] === source.path;
      if (!removeParts(rec, source.path)) continue;
      touched.push(rec.entity);
      if (rec.parts.length === 0) {
        this.merged.delete(key);
        dropped = true;
        continue;
      }
      const target = rec.entity;
      if (wasFirst) {
        // The source that gave the name's spelling is gone: rebuild the entity from the others, in place.
        for (const k of Object.keys(target) as Array<keyof Entity>) delete target[k];
        Object.assign(target, { ...rec.parts[0], aliases: [...rec.parts[0].aliases], mentions: [...rec.parts[0].mentions] });
        rec.borrowed = false;
        for (let i = 1; i < rec.parts.length; i++) fold(target, rec.parts[i]);
        continue;
      }
      // Another source: its mentions leave (the others keep their order); aliases, role and affiliation are taken
      // again from the parts in order (small), not the mentions (an entity named in every article has many).
      ownArrays(rec);
      const id = source.meta.id;
      target.mentions = target.mentions.filter((m) => m.sourceId !== id);
      const aliases: string[] = [];
      const seen = new Set<string>();
      for (const p of rec.parts) for (const a of p.aliases) if (!seen.has(a)) {
        seen.add(a);
        aliases.push(a);
      }
      target.aliases = aliases;
      const role = rec.parts.find((p) => p.role !== undefined)?.role;
      const affiliation = rec.parts.find((p) => p.affiliation !== undefined)?.affiliation;
      if (role === undefined) delete target.role;
      else target.role = role;
      if (affiliation === undefined) delete target.affiliation;
      else target.affiliation = affiliation;
    }
    if (dropped) this.entityList = undefined;
    return touched;
  }

  private changed(change: SourceChange, entities: Entity[], speakers: string[]): void {
    this.version++;
    this.journal.push({ version: this.version, change, entities, speakers });
    if (this.journal.length > JOURNAL_LIMIT) this.journal.splice(0, this.journal.length - JOURNAL_LIMIT / 2);
  }
}

/** The quotes of an adopted source, given their ids and source id without a copy. */
function numberInPlace(quotes: Quote[], sourceId: string, nextId: () => number): Quote[] {
  for (const q of quotes) {
    q.sourceId = sourceId;
    q.id = nextId();
  }
  return quotes;
}

/** Gives a merged entity arrays of its own before they change (they were its first part's). */
function ownArrays(rec: MergedRecord): void {
  if (!rec.borrowed) return;
  rec.entity.aliases = [...rec.entity.aliases];
  rec.entity.mentions = [...rec.entity.mentions];
  rec.borrowed = false;
}

/** Removes the parts that came from `path`; whether there were any. */
function removeParts(rec: MergedRecord, path: string): boolean {
  let kept = 0;
  for (let i = 0; i < rec.parts.length; i++) {
    if (rec.paths[i] === path) continue;
    rec.parts[kept] = rec.parts[i];
    rec.paths[kept] = rec.paths[i];
    kept++;
  }
  if (kept === rec.parts.length) return false;
  rec.parts.length = kept;
  rec.paths.length = kept;
  return true;
}

function fold(into: Entity, e: Entity): void {
  for (const a of e.aliases) if (!into.aliases.includes(a)) into.aliases.push(a);
  for (const m of e.mentions) into.mentions.push(m);
  // Only a value is set: `??=` also set an absent role to undefined, a new hidden class for a merged entity on each
  // fold (a tenth of merging at a start from the cache).
  if (into.role === undefined && e.role !== undefined) into.role = e.role;
  if (into.affiliation === undefined && e.affiliation !== undefined) into.affiliation = e.affiliation;
}
