// Is the speaker the draft names the one the source gives? Through the entity aliases (Ash = Tim Ash),
// and a conservative name match that works before entities are complete: one name's words are a
// subset of the other's (Putin ⊂ Russian President Vladimir Putin), or the surnames agree and the first
// names are compatible (Joe / Joseph R. Biden, Jr.; J. Smith / John Smith).
import type { Entity } from '../types';
import type { SourceIndex } from '../index/sourceIndex';
import type { PersonLexicon } from './attribution';

const TITLE_WORDS = new Set(
  (
    'president vice prime minister chancellor secretary senator sen rep representative governor gov mayor mr mrs ms dr prof ' +
    'professor sir dame lord lady general gen colonel col captain capt chief judge justice king queen prince princess pope ' +
    'ambassador spokesman spokeswoman spokesperson chairman chairwoman director leader deputy executive the'
  ).split(' '),
);
const SUFFIX_WORDS = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
const NICKNAMES: Record<string, string> = {
  joe: 'joseph', bill: 'william', will: 'william', billy: 'william', bob: 'robert', rob: 'robert', bobby: 'robert',
  mike: 'michael', tony: 'anthony', jim: 'james', jimmy: 'james', tom: 'thomas', tommy: 'thomas', dick: 'richard',
  rick: 'richard', rich: 'richard', dave: 'david', dan: 'daniel', danny: 'daniel', ed: 'edward', ted: 'edward',
  steve: 'stephen', chris: 'christopher', matt: 'matthew', nick: 'nicholas', alex: 'alexander', andy: 'andrew',
  ben: 'benjamin', sam: 'samuel', tim: 'timothy', pete: 'peter', fred: 'frederick', greg: 'gregory', jeff: 'jeffrey',
  ken: 'kenneth', larry: 'lawrence', liz: 'elizabeth', beth: 'elizabeth', kate: 'katherine', cathy: 'catherine',
  sue: 'susan', jenny: 'jennifer', jen: 'jennifer', meg: 'margaret', maggie: 'margaret', pat: 'patrick', phil: 'philip',
  ron: 'ronald', don: 'donald', charlie: 'charles', chuck: 'charles', hank: 'henry', harry: 'henry', jack: 'john',
  johnny: 'john', sergei: 'sergey', dmitri: 'dmitry', yury: 'yuri',
};

const memo = new Map<string, string[]>();

/** The comparable words of a name: lower case, no titles, no suffixes, no possessive, no punctuation. */
export function nameWords(name: string): string[] {
  let hit = memo.get(name);
  if (!hit) {
    if (memo.size > 100_000) memo.clear();
    hit = computeNameWords(name);
    memo.set(name, hit);
  }
  return hit;
}

function computeNameWords(name: string): string[] {
  const words = name
    .replace(/['’]s\b/g, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let s = 0;
  while (s < words.length - 1 && TITLE_WORDS.has(words[s])) s++;
  return words.slice(s).filter((w) => !SUFFIX_WORDS.has(w));
}

function canonFirst(w: string): string {
  return NICKNAMES[w] ?? w;
}

function firstNamesCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  const ca = canonFirst(a);
  const cb = canonFirst(b);
  return ca === cb || ca.startsWith(cb) || cb.startsWith(ca);
}

/** Name comparison without entities. true = same, false = different, undefined = cannot tell. */
export function sameByName(a: string, b: string): boolean | undefined {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.length === 0 || wb.length === 0) return undefined;
  const sa = new Set(wa);
  const sb = new Set(wb);
  if (wa.every((w) => sb.has(w)) || wb.every((w) => sa.has(w))) return true;
  const la = wa[wa.length - 1];
  const lb = wb[wb.length - 1];
  if (la === lb) return firstNamesCompatible(wa[0], wb[0]);
  return false;
}

const cache = new WeakMap<SourceIndex, { version: number; matcher: SpeakerMatcher }>();

/** Compares speakers through the index's entities; also knows which names are people (for pronouns). */
export class SpeakerMatcher implements PersonLexicon {
  private readonly byName = new Map<string, Entity[]>();
  /** How many entities and speakers give each full name and surname (so that a removed source takes its own away). */
  private readonly surnames = new Map<string, number>();
  private readonly fullNames = new Map<string, number>();
  /** What each entity and speaker added, to take it back when it changes (the index updates entities in place). */
  private readonly fromEntity = new Map<Entity, { keys: string[]; person: string[] }>();
  private readonly fromSpeaker = new Map<string, string[]>();

  /** The matcher for the index as it is now: updated for the entities and speakers a change touched, not rebuilt. */
  static for(index: SourceIndex): SpeakerMatcher {
    const hit = cache.get(index);
    if (hit && hit.version === index.version) return hit.matcher;
    const changes = hit ? index.changesSince(hit.version) : undefined;
    if (hit && changes) {
      for (const e of changes.entities) {
        hit.matcher.removeEntity(e);
        if (index.hasEntity(e)) hit.matcher.addEntity(e);
      }
      for (const s of changes.speakers) {
        hit.matcher.removeSpeaker(s);
        if (index.quotesBy(s).length) hit.matcher.addSpeaker(s);
      }
      hit.version = index.version;
      return hit.matcher;
    }
    const matcher = new SpeakerMatcher(index.entities(), index.speakers());
    cache.set(index, { version: index.version, matcher });
    return matcher;
  }

  constructor(entities: Entity[], speakers: string[] = []) {
    for (const e of entities) this.addEntity(e);
    for (const s of speakers) this.addSpeaker(s);
  }

  private addEntity(e: Entity): void {
    const keys: string[] = [];
    for (const n of [e.name, ...e.aliases]) {
      const key = nameWords(n).join(' ');
      if (!key) continue;
      const list = this.byName.get(key) ?? [];
      if (!list.includes(e)) {
        list.push(e);
        keys.push(key);
      }
      this.byName.set(key, list);
    }
    this.fromEntity.set(e, { keys, person: e.type === 'person' ? this.addPerson(e.name) : [] });
  }

  private removeEntity(e: Entity): void {
    const had = this.fromEntity.get(e);
    if (!had) return;
    this.fromEntity.delete(e);
    for (const key of had.keys) {
      const left = (this.byName.get(key) ?? []).filter((x) => x !== e);
      if (left.length) this.byName.set(key, left);
      else this.byName.delete(key);
    }
    this.removePerson(had.person);
  }

  private addSpeaker(s: string): void {
    if (!this.fromSpeaker.has(s)) this.fromSpeaker.set(s, this.addPerson(s));
  }

  private removeSpeaker(s: string): void {
    const had = this.fromSpeaker.get(s);
    if (!had) return;
    this.fromSpeaker.delete(s);
    this.removePerson(had);
  }

  /** Counts the full name and surname of a person; returns them as [full, surname?]. */
  private addPerson(name: string): string[] {
    const w = nameWords(name);
    if (w.length === 0) return [];
    const full = w.join(' ');
    this.fullNames.set(full, (this.fullNames.get(full) ?? 0) + 1);
    if (!(w.length > 1 || /^\p{Lu}/u.test(name))) return [full];
    const surname = w[w.length - 1];
    this.surnames.set(surname, (this.surnames.get(surname) ?? 0) + 1);
    return [full, surname];
  }

  private removePerson([full, surname]: string[]): void {
    const dec = (m: Map<string, number>, k: string | undefined) => {
      if (k === undefined) return;
      const n = (m.get(k) ?? 0) - 1;
      if (n > 0) m.set(k, n);
      else m.delete(k);
    };
    dec(this.fullNames, full);
    dec(this.surnames, surname);
  }

  isPerson(name: string): boolean {
    const w = nameWords(name);
    if (w.length === 0) return false;
    return this.fullNames.has(w.join(' ')) || this.surnames.has(w[w.length - 1]);
  }

  /**
   * Whether a name the draft gives may be held against the source's speaker: a person or organisation
   * the sources know (an entity or a quote's speaker), or a full name of two words or more. A single
   * unknown word ("Moscow", a typo) and places are not speakers the checker argues with.
   */
  canBeSpeaker(name: string): boolean {
    const ents = this.entitiesOf(name);
    if (ents.length && ents.every((e) => e.type === 'place')) return false;
    if (ents.some((e) => e.type !== 'place')) return true;
    if (this.isPerson(name)) return true;
    return nameWords(name).length >= 2;
  }

  private entitiesOf(name: string): Entity[] {
    return this.byName.get(nameWords(name).join(' ')) ?? [];
  }

  /**
   * Whether the draft's name and the source's speaker are the same. `false` only when they are
   * clearly different people or bodies; `undefined` when it cannot be told (never a finding).
   */
  same(draftName: string, sourceSpeaker: string): boolean | undefined {
    const ea = this.entitiesOf(draftName);
    const eb = this.entitiesOf(sourceSpeaker);
    if (ea.some((e) => eb.includes(e))) return true;
    const byName = sameByName(draftName, sourceSpeaker);
    if (byName !== false) return byName;
    // The draft names the speaker's organisation or role ("BlueBay" for Tim Ash at BlueBay).
    const wa = new Set(nameWords(draftName));
    for (const e of eb) {
      for (const field of [e.affiliation, e.role]) {
        if (!field) continue;
        const wf = nameWords(field);
        if (wa.size && [...wa].every((w) => wf.includes(w))) return true;
      }
    }
    for (const e of ea) {
      for (const alias of [e.name, ...e.aliases]) if (sameByName(alias, sourceSpeaker)) return true;
    }
    return false;
  }
}
