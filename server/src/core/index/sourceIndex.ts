import type { AnalyzedSource, Entity, Problem, Quote } from '../types';
import { LineIndex } from '../text/lineIndex';

/**
 * The index of every source: their quotes and the entities merged across sources.
 * Sources are added, replaced and removed one file at a time, so a changed file costs only itself.
 */
export class SourceIndex {
  private readonly byPath = new Map<string, AnalyzedSource>();
  private readonly byId = new Map<string, AnalyzedSource>();
  private readonly lineIndexes = new Map<string, LineIndex>();
  private nextQuoteId = 1;
  private mergedEntities: Entity[] | undefined;
  private allQuotes: Quote[] | undefined;
  /** Bumped on every change; caches keyed on it stay valid until the next change. */
  version = 0;

  /** Adds or replaces the source at `source.path`. Returns problems about the index itself (duplicate ids). */
  upsert(source: AnalyzedSource): Problem[] {
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
      quotes: source.quotes.map((q) => ({ ...q, sourceId, id: this.nextQuoteId++ })),
      entities: source.entities.map((e) => ({ ...e, mentions: e.mentions.map((m) => ({ ...m, sourceId })) })),
    };
    this.byPath.set(stored.path, stored);
    this.byId.set(sourceId, stored);
    this.changed();
    return problems;
  }

  remove(path: string): boolean {
    const old = this.byPath.get(path);
    if (!old) return false;
    this.byPath.delete(path);
    if (this.byId.get(old.meta.id) === old) this.byId.delete(old.meta.id);
    this.lineIndexes.delete(path);
    this.changed();
    return true;
  }

  get sources(): AnalyzedSource[] {
    return [...this.byPath.values()];
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

  quotes(): Quote[] {
    this.allQuotes ??= this.sources.flatMap((s) => s.quotes);
    return this.allQuotes;
  }

  /** Entities merged across sources by canonical name and type. */
  entities(): Entity[] {
    if (!this.mergedEntities) {
      const merged = new Map<string, Entity>();
      for (const s of this.byPath.values()) {
        for (const e of s.entities) {
          const key = `${e.type}:${e.name.toLowerCase()}`;
          const have = merged.get(key);
          if (!have) merged.set(key, { ...e, aliases: [...e.aliases], mentions: [...e.mentions] });
          else {
            for (const a of e.aliases) if (!have.aliases.includes(a)) have.aliases.push(a);
            have.mentions.push(...e.mentions);
            have.role ??= e.role;
            have.affiliation ??= e.affiliation;
          }
        }
      }
      this.mergedEntities = [...merged.values()];
    }
    return this.mergedEntities;
  }

  private changed(): void {
    this.version++;
    this.mergedEntities = undefined;
    this.allQuotes = undefined;
  }
}
