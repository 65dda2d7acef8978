// Names as a writer types them ("Peskov", "Tim Ash", "Zelenskiy") → the canonical speaker or entity, and the entity
// names and aliases found in a line of a draft (hover, go to definition). Kept up to date per change (the speakers
// and merged entities a change touched), instead of being rebuilt from every entity (and compiled into one regular
// expression of every name) after each change. The answers are the editor's:
//   - a name resolves to the first of: a speaker's name, an entity's name, an entity's alias, a speaker's last name, a
//     person's last name — earlier speakers and entities first (the order they came into the index);
//   - in a line, at each place the longest known name or alias that is a whole word (not glued to a letter or digit).
import type { Entity } from '../types';
import { changesToApply, perIndex, warmStep, type BuiltInParts } from './builtPerIndex';
import type { SourceIndex } from './sourceIndex';

/** The passes of name resolution, in priority order. */
const enum Pass {
  Speaker = 0,
  EntityName = 1,
  Alias = 2,
  SpeakerLast = 3,
  PersonLast = 4,
}

interface Claim {
  canonical: string;
  pass: Pass;
  /** When the speaker or entity came into the index: earlier wins within a pass. */
  seq: number;
  owner: Entity | string;
}

const WORDCHAR = /[\p{L}\p{N}]/u;
const cache = new WeakMap<SourceIndex, NameIndex>();

export class NameIndex implements BuiltInParts {
  /** lower-case key → the claims on it; the best claim is the answer. */
  private readonly claims = new Map<string, Claim[]>();
  /** Name or alias as written (trimmed) → how many entities give it: the forms found in lines. */
  private readonly forms = new Map<string, number>();
  private maxFormLength = 0;
  /** lower-case entity name → entities with that name, in index order (the last one answers, as before). */
  private readonly byLowerName = new Map<string, Entity[]>();
  private readonly entitySeq = new Map<Entity, number>();
  private readonly speakerSeq = new Map<string, number>();
  /** What each owner contributed, to take it back. */
  private readonly contributed = new Map<Entity | string, { keys: string[]; forms: string[]; lowerName?: string }>();
  private nextSeq = 0;
  /** The index version it was last complete for (-1: never). */
  builtVersion = -1;
  /** A build from scratch under way (warm): the index version it is for, its speakers and entities, how many are added. */
  private building: { version: number; speakers: string[]; entities: Entity[]; added: number } | undefined;

  static for(index: SourceIndex): NameIndex {
    const n = NameIndex.of(index);
    n.refresh(index);
    return n;
  }

  /**
   * Builds the names of `index` a part at a time (a server's idle moments): adds speakers and entities while `more()`
   * says so and tells whether the index is complete. `for` goes on from where the parts stopped, and so do the next
   * parts after a change to the index (the change applied at the end).
   */
  static warm(index: SourceIndex, more: () => boolean): boolean {
    return warmStep(NameIndex.of(index), index, more);
  }

  private static of(index: SourceIndex): NameIndex {
    return perIndex(cache, index, () => new NameIndex());
  }

  /** The build from scratch, going on with one under way; whether it is complete. */
  build(index: SourceIndex, more: () => boolean): boolean {
    // As QuoteSearch.build: one under way goes on when the index can tell what changed since (applied after it).
    let b = this.building;
    if (!b || (b.version !== index.version && !index.changesSince(b.version))) {
      this.claims.clear();
      this.forms.clear();
      this.byLowerName.clear();
      this.entitySeq.clear();
      this.speakerSeq.clear();
      this.contributed.clear();
      this.builtVersion = -1;
      b = this.building = { version: index.version, speakers: index.speakers(), entities: index.entities(), added: 0 };
    }
    const total = b.speakers.length + b.entities.length;
    while (b.added < total) {
      const i = b.added++;
      if (i < b.speakers.length) this.addSpeaker(b.speakers[i]);
      else this.addEntity(b.entities[i - b.speakers.length]);
      if ((b.added & 63) === 0 && !more()) return false;
    }
    this.building = undefined;
    this.builtVersion = b.version;
    if (b.version !== index.version) this.refresh(index);
    return true;
  }

  refresh(index: SourceIndex): void {
    const changes = changesToApply(this, index);
    if (!changes) return;
    for (const s of changes.speakers) {
      const live = index.quotesBy(s).length > 0;
      if (!live) {
        this.drop(s);
        this.speakerSeq.delete(s);
      } else if (!this.speakerSeq.has(s)) this.addSpeaker(s);
    }
    for (const e of changes.entities) {
      const seq = this.entitySeq.get(e);
      this.drop(e);
      if (index.hasEntity(e)) this.addEntity(e, seq);
      else this.entitySeq.delete(e);
    }
    this.builtVersion = index.version;
  }

  private claim(key: string, c: Claim, keys: string[]): void {
    const k = key.toLowerCase().trim();
    if (!k) return;
    const list = this.claims.get(k);
    if (list) list.push(c);
    else this.claims.set(k, [c]);
    keys.push(k);
  }

  private addSpeaker(s: string): void {
    const seq = this.nextSeq++;
    this.speakerSeq.set(s, seq);
    const keys: string[] = [];
    this.claim(s, { canonical: s, pass: Pass.Speaker, seq, owner: s }, keys);
    const last = s.split(/\s+/).pop();
    if (last && last !== s) this.claim(last, { canonical: s, pass: Pass.SpeakerLast, seq, owner: s }, keys);
    this.contributed.set(s, { keys, forms: [] });
  }

  private addEntity(e: Entity, seq = this.nextSeq++): void {
    this.entitySeq.set(e, seq);
    const keys: string[] = [];
    this.claim(e.name, { canonical: e.name, pass: Pass.EntityName, seq, owner: e }, keys);
    for (const a of e.aliases) this.claim(a, { canonical: e.name, pass: Pass.Alias, seq, owner: e }, keys);
    if (e.type === 'person') {
      const last = e.name.split(/\s+/).pop();
      if (last && last !== e.name) this.claim(last, { canonical: e.name, pass: Pass.PersonLast, seq, owner: e }, keys);
    }
    const forms: string[] = [];
    for (const f of [e.name, ...e.aliases]) {
      const t = f.trim();
      if (t.length <= 1) continue;
      this.forms.set(t, (this.forms.get(t) ?? 0) + 1);
      if (t.length > this.maxFormLength) this.maxFormLength = t.length;
      forms.push(t);
    }
    const lowerName = e.name.toLowerCase();
    const same = this.byLowerName.get(lowerName);
    if (same) {
      same.push(e);
      same.sort((a, b) => this.entitySeq.get(a)! - this.entitySeq.get(b)!);
    } else this.byLowerName.set(lowerName, [e]);
    this.contributed.set(e, { keys, forms, lowerName });
  }

  private drop(owner: Entity | string): void {
    const had = this.contributed.get(owner);
    if (!had) return;
    this.contributed.delete(owner);
    for (const k of had.keys) {
      const left = (this.claims.get(k) ?? []).filter((c) => c.owner !== owner);
      if (left.length) this.claims.set(k, left);
      else this.claims.delete(k);
    }
    for (const f of had.forms) {
      const n = (this.forms.get(f) ?? 0) - 1;
      if (n > 0) this.forms.set(f, n);
      else this.forms.delete(f);
    }
    if (had.lowerName !== undefined) {
      const left = (this.byLowerName.get(had.lowerName) ?? []).filter((x) => x !== owner);
      if (left.length) this.byLowerName.set(had.lowerName, left);
      else this.byLowerName.delete(had.lowerName);
    }
  }

  /** The canonical name a lower-case key stands for. */
  get(key: string): string | undefined {
    const list = this.claims.get(key);
    if (!list) return undefined;
    let best = list[0];
    for (const c of list) if (c.pass < best.pass || (c.pass === best.pass && c.seq < best.seq)) best = c;
    return best.canonical;
  }

  /**
   * The canonical name for a name as written ("Peskov", "Dmitry Peskov", "Russian presidential spokesman Dmitry Peskov"):
   * the longest known trailing run of its words.
   */
  resolveName(written: string): string | undefined {
    const words = written.trim().split(/\s+/).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const hit = this.get(words.slice(i).join(' ').toLowerCase().replace(/['’]s$/, ''));
      if (hit) return hit;
    }
    return undefined;
  }

  /** The entity with this canonical name (case-insensitive). */
  entity(name: string): Entity | undefined {
    const list = this.byLowerName.get(name.toLowerCase());
    return list?.[list.length - 1];
  }

  /** Every entity name or alias occurring in `line`, as spans relative to it (longest first at a place). */
  entityMentions(line: string): { start: number; end: number; entity: Entity }[] {
    const out: { start: number; end: number; entity: Entity }[] = [];
    if (this.forms.size === 0) return out;
    // Where a whole word may end: before a character that is not a letter or digit, or at the end of the line.
    const endsHere = new Uint8Array(line.length + 1);
    endsHere[line.length] = 1;
    for (let i = 0; i < line.length; i++) endsHere[i] = wordCharAt(line, i) ? 0 : 1;
    let s = 0;
    while (s < line.length) {
      if (s > 0 && wordCharBefore(line, s)) {
        s++;
        continue;
      }
      let matched = 0;
      for (let e = Math.min(line.length, s + this.maxFormLength); e > s; e--) {
        if (!endsHere[e] || line.charCodeAt(e - 1) === 0x20) continue;
        if (this.forms.has(line.slice(s, e))) {
          matched = e;
          break;
        }
      }
      if (!matched) {
        s++;
        continue;
      }
      const text = line.slice(s, matched);
      const canonical = this.get(text.toLowerCase());
      const entity = canonical ? this.entity(canonical) : undefined;
      if (entity) out.push({ start: s, end: matched, entity });
      s = matched;
    }
    return out;
  }
}

function wordCharAt(s: string, i: number): boolean {
  const cp = s.codePointAt(i)!;
  // The second half of a surrogate pair belongs to the character before it.
  if (cp >= 0xdc00 && cp <= 0xdfff && i > 0) return wordCharAt(s, i - 1);
  return WORDCHAR.test(String.fromCodePoint(cp));
}

function wordCharBefore(s: string, i: number): boolean {
  const c = s.charCodeAt(i - 1);
  return wordCharAt(s, c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1);
}
