import type { Entity, Span } from '../types';
import type { Context, EntityMention, QuoteInfo } from './context';
import { MASK } from './context';
import { DOCUMENT_NOUNS, GIVEN_NAMES, HONORIFICS, MONTHS_AND_DAYS, NON_ENTITY_WORDS, PLACES, DEMONYMS, ROLE_HEADS } from '../entities/lexicon';
import { REPORTING_VERBS } from './cues';

// From a speaker phrase ("he", "the Kremlin aide", "BlueBay Asset Management's Ash", "the communique") to the
// canonical name of a person or organisation.

export interface Resolver {
  ctx: Context;
  infos: QuoteInfo[];
  speakerOf(i: number): string | null;
}

type Gender = 'm' | 'f' | undefined;

const ORG_NOUNS = new Set([
  'company', 'firm', 'group', 'bank', 'government', 'ministry', 'club', 'team', 'party', 'union', 'agency', 'department',
  'council', 'organisation', 'organization', 'body', 'watchdog', 'regulator', 'carrier', 'airline', 'retailer', 'operator',
  'broker', 'insurer', 'lender', 'maker', 'manufacturer', 'giant', 'network', 'channel', 'broadcaster', 'association',
  'federation', 'league', 'board', 'commission', 'committee', 'palace', 'embassy', 'kremlin', 'office', 'authority', 'fund',
  'institute', 'centre', 'center', 'studio', 'label', 'publisher', 'chain', 'producer', 'supplier', 'bureau', 'service',
]);
const GENERIC_ORG_NOUNS = new Set(['company', 'firm', 'group', 'giant', 'maker', 'manufacturer', 'carrier', 'retailer', 'operator', 'lender', 'insurer', 'chain', 'supplier', 'producer', 'broadcaster', 'publisher', 'label', 'studio', 'watchdog', 'regulator', 'body']);
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'this', 'that', 'our', 'one', 'another']);
const genderCache = new WeakMap<Entity, Gender>();

export function genderOf(e: Entity): Gender {
  if (genderCache.has(e)) return genderCache.get(e);
  let g: Gender;
  for (const a of [e.name, ...e.aliases]) {
    const h = HONORIFICS.get(a.split(' ')[0].toLowerCase());
    if (h && /\s/.test(a)) {
      g = h;
      break;
    }
  }
  if (!g && e.role) {
    if (/woman\b|actress|queen|princess|duchess|\bwife\b|mother|sister/i.test(e.role)) g = 'f';
    else if (/\b(?:spokes|chair|business)man\b|\bking\b|prince\b|\bduke\b|husband|father|brother/i.test(e.role)) g = 'm';
  }
  if (!g) g = GIVEN_NAMES.get(e.name.split(' ')[0]);
  genderCache.set(e, g);
  return g;
}

function compatible(e: Entity, g: Gender): boolean {
  if (!g) return true;
  const eg = genderOf(e);
  return !eg || eg === g;
}

/**
 * The speaker a phrase names. `before-verb`: the phrase is a subject before its verb (the name nearest the verb
 * counts); `after-verb`: it follows an inverted verb or "according to" (the first name counts).
 */
export function resolvePhrase(r: Resolver, span: Span, info: QuoteInfo, mode: 'before-verb' | 'after-verb'): string | null {
  const ctx = r.ctx;
  let { start, end } = span;
  if (mode === 'after-verb') {
    // the first noun phrase: up to a comma (an appositive may follow) or a preposition after a name
    const s = ctx.masked.slice(start, end);
    const cut = /,|\s(?:in|on|at|during|when|after|before|while|referring|as|to|who|adding|speaking)\s/.exec(s);
    const ms = ctx.mentionsIn(start, end);
    const npEnd = cut && s.slice(0, cut.index).trim().length >= 2 ? start + cut.index : end;
    // "said Spurs sporting director Frank Arnesen", "said BlueBay Asset Management's Ash": the name at the end of the phrase
    const inNp = ms.filter((m) => m.entity.type === 'person' && m.start < npEnd);
    if (inNp.length) return inNp[inNp.length - 1].entity.name;
    // "said the chairman of the committee, Labour MP Barry Sheerman": the name in apposition to a role
    const np = s.slice(0, npEnd - start).trim().split(/\s+/);
    const after = ms.find((m) => m.entity.type === 'person');
    if (after && cut && cut[0] === ',' && /^(?:the|a|an|its|their)$/i.test(np[0] ?? '') && np.some((w) => ROLE_HEADS.has(w.toLowerCase()))) {
      if (!/[.;:]/.test(ctx.masked.slice(npEnd, after.start))) return after.entity.name;
    }
    if (cut) end = start + cut.index;
  }
  const phrase = ctx.masked.slice(start, end);
  if (!phrase.trim() || phrase.includes(MASK)) return null;
  const ms = ctx.mentionsIn(start, end);
  const persons = ms.filter((m) => m.entity.type === 'person');
  if (persons.length) {
    if (mode === 'after-verb') return persons[0].entity.name;
    // the head of an appositive ("Name, role at Org, said") rather than a name inside the appositive
    if (/,\s*$/.test(phrase) || ctx.masked.charCodeAt(end) === 44) {
      const heads = persons.filter((m) => /^\s*[,—–]/.test(ctx.masked.slice(m.end, m.end + 3)) || ctx.masked.slice(m.end, m.end + 3).startsWith(' - '));
      if (heads.length) return heads[0].entity.name;
    }
    return persons[persons.length - 1].entity.name;
  }

  const words = phrase.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*/gu) ?? [];
  if (!words.length) return null;
  // the noun phrase right by the verb: the last words before it, or the first ones after it
  const np = mode === 'before-verb' ? lastNounPhrase(phrase) : words.slice(0, 8);
  const lower: string[] = [];
  for (const w of np) lower.push(w.toLowerCase().replace(/['’]s$/, ''));
  const head = lower[lower.length - 1] ?? '';

  // pronouns
  if (np.length === 1 || (mode === 'after-verb' && np.length <= 2)) {
    const p = lower[0];
    if (p === 'he' || p === 'she') return resolvePronoun(r, start, p === 'she' ? 'f' : 'm', info);
    if (p === 'it' || p === 'they' || p === 'we') {
      const org = recentOrg(r, start, false);
      if (org) return org;
      if (p === 'they') return null;
    }
    if (p === 'who') return resolvePronoun(r, start, undefined, info);
  }
  // documents: "the communique", "the White Statement", "a statement from the Kremlin"
  if (DOCUMENT_NOUNS.has(head) || lower.some((w) => DOCUMENT_NOUNS.has(w))) {
    const di = lower.findIndex((w) => DOCUMENT_NOUNS.has(w));
    const mods = np.slice(0, di).filter((w) => !DETERMINERS.has(w.toLowerCase()) && /^\p{Lu}/u.test(w));
    const orgsHere = ms.filter((m) => m.entity.type === 'organization');
    if (orgsHere.length) return orgsHere[orgsHere.length - 1].entity.name;
    if (mods.length) {
      const named = orgStartingWith(r, mods.map((m) => m.replace(/['’]s$/, '')), start);
      if (named) return named;
    }
    return recentOrg(r, start, true);
  }
  // roles: "the Kremlin aide", "the Russian presidential aide", "the minister", "an IAAF spokesman"
  const roleIdx = findLastIndex(lower, (w) => ROLE_HEADS.has(w) || /-year-old$/.test(w));
  if (roleIdx >= 0 && roleIdx >= lower.length - 2) {
    const role = lower[roleIdx];
    const g: Gender = /woman$|ess$/.test(role) ? 'f' : /man$/.test(role) ? 'm' : undefined;
    const byRole = personByRole(r, role, start, g);
    if (byRole) return byRole;
    const orgsHere = ms.filter((m) => m.entity.type === 'organization');
    const speaksForOrg = /^(spokesman|spokeswoman|spokesperson|spokesmen|official|officials|source|representative|statement)$/.test(role);
    if (orgsHere.length && speaksForOrg) return orgsHere[orgsHere.length - 1].entity.name;
    if (lower[0] === 'the' || /-year-old$/.test(role)) {
      const who = resolvePronoun(r, start, g, info);
      if (who) return who;
    }
    if (orgsHere.length) return orgsHere[orgsHere.length - 1].entity.name;
    return null;
  }
  const orgs = ms.filter((m) => m.entity.type === 'organization');
  if (orgs.length) return (mode === 'after-verb' ? orgs[0] : orgs[orgs.length - 1]).entity.name;
  if (ORG_NOUNS.has(head) && (lower[0] === 'the' || lower[0] === 'its')) {
    const mods = lower.slice(1, -1);
    return recentOrg(r, start, false, (name) => {
      const n = name.toLowerCase();
      return (GENERIC_ORG_NOUNS.has(head) || n.includes(head)) && mods.every((m) => n.includes(m));
    });
  }
  // an unknown name: a capitalised run in a short phrase
  if (np.length <= 4) {
    const caps = np.filter((w, i) => /^\p{Lu}/u.test(w) && !(i === 0 && NON_ENTITY_WORDS.has(w.toLowerCase())));
    const clean = caps.filter((w) => !HONORIFICS.has(w.toLowerCase()) && !ROLE_HEADS.has(w.toLowerCase()));
    if (clean.length && clean.length === caps.length - (caps.length - clean.length) && clean.every((w) => !MONTHS_AND_DAYS.has(w.toLowerCase()) && !PLACES.has(w.toLowerCase()) && !DEMONYMS.has(w.toLowerCase()))) {
      const run = clean.join(' ').replace(/['’]s$/, '');
      if (run.length > 1 && clean.length <= 3 && np.every((w) => /^\p{Lu}/u.test(w) || DETERMINERS.has(w.toLowerCase()) || ROLE_HEADS.has(w.toLowerCase()))) return run;
    }
  }
  return null;
}

function lastNounPhrase(phrase: string): string[] {
  // after the last comma that is not part of an appositive right before the verb
  const trimmed = phrase.replace(/[\s,]+$/, '');
  const parts = trimmed.split(/,\s*|\s[—–-]\s|;\s*|\s(?:and|but|while|as|because|that|when|after|before|which)\s/);
  const last = parts[parts.length - 1] ?? trimmed;
  return last.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*/gu) ?? [];
}

function findLastIndex<T>(a: T[], f: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (f(a[i])) return i;
  return -1;
}

/** A person whose role has this head noun, the one mentioned last before `pos`. */
/** How far back a role noun or a document looks for the one it refers to: an article's length, so that a long
 * source holding many articles costs a window per lookup, not the whole text. */
const LOOKBACK = 60_000;

const roleRegexes = new Map<string, RegExp>();

function personByRole(r: Resolver, role: string, pos: number, g: Gender): string | null {
  let re = roleRegexes.get(role);
  if (!re) roleRegexes.set(role, (re = new RegExp(`\\b${role.replace(/[-]/g, '\\-')}\\b`)));
  const ms = r.ctx.mentionsIn(Math.max(0, pos - LOOKBACK), pos);
  for (let i = ms.length - 1; i >= 0; i--) {
    const e = ms[i].entity;
    if (e.type !== 'person' || !compatible(e, g)) continue;
    if (re.test(r.ctx.roleText(e))) return e.name;
  }
  return null;
}

/** The organisation named with these words ("White" → White House), the one mentioned last before `pos`. */
function orgStartingWith(r: Resolver, mods: string[], pos: number): string | null {
  const before = r.ctx.mentionsIn(Math.max(0, pos - LOOKBACK), pos);
  for (let i = before.length - 1; i >= 0; i--) {
    const e = before[i].entity;
    if (e.type !== 'organization') continue;
    const ws = e.name.split(' ');
    if (mods.every((w) => ws.includes(w)) || e.name.startsWith(mods.join(' '))) return e.name;
  }
  for (const m of r.ctx.mentionsIn(Math.max(0, pos - LOOKBACK), pos + LOOKBACK)) {
    if (m.entity.type === 'organization' && m.entity.name.split(' ')[0] === mods[0]) return m.entity.name;
  }
  return null;
}

/** The organisation that last spoke or issued something (for "the communique"), or the last one named. */
function recentOrg(r: Resolver, pos: number, issuer: boolean, accept: (name: string) => boolean = () => true): string | null {
  const ctx = r.ctx;
  let si = ctx.sentenceIndexAt(pos);
  const stop = Math.max(0, si - 8);
  for (; si >= stop; si--) {
    const s = ctx.sentences[si];
    const end = Math.min(s.end, pos);
    if (end <= s.start) continue;
    const orgs = ctx.mentionsIn(s.start, end).filter((m) => m.entity.type === 'organization' && accept(m.entity.name));
    if (!orgs.length) continue;
    if (issuer) {
      const body = ctx.masked.slice(s.start, end).toLowerCase();
      const words = body.match(/[a-z]+/g) ?? [];
      if (!words.some((w) => REPORTING_VERBS.has(w) || DOCUMENT_NOUNS.has(w) || w === 'issued' || w === 'published')) continue;
    }
    return orgs[orgs.length - 1].entity.name;
  }
  return null;
}

/**
 * The person a "he"/"she" (or an unnamed role noun) at `pos` refers to: going back sentence by sentence, the
 * speaker of an attributed quote there, else the first person named there; a sentence whose subject is itself a
 * pronoun points further back to the same person.
 */
export function resolvePronoun(r: Resolver, pos: number, g: Gender, info: QuoteInfo): string | null {
  const ctx = r.ctx;
  const cur = ctx.sentenceIndexAt(pos);
  const minPara = Math.max(0, info.para - 3);
  for (let si = cur - 1; si >= 0 && si >= cur - 8; si--) {
    const s = ctx.sentences[si];
    if (s.start < ctx.paragraphs[minPara].start) break;
    // the speaker of an attributed quote in that sentence
    for (const o of r.infos) {
      if (o.outer.start >= s.end) break;
      if (o.outer.start < s.start || !o.q.speaker) continue;
      const e = ctx.entityNamed(o.q.speaker);
      if (!e || (e.type === 'person' && compatible(e, g))) return o.q.speaker;
    }
    const body = ctx.masked.slice(s.start, s.end);
    const pro = /\b(he|she|He|She)\b/.exec(body);
    const persons = ctx.mentionsIn(s.start, s.end).filter((m) => m.entity.type === 'person' && compatible(m.entity, g));
    // "…, argued Mr Howard." / "Mr Howard said …": the person a reporting verb is about comes first
    const reporting = persons.find((m) => reportsAt(ctx.masked, m));
    if (reporting && !(pro && s.start + pro.index < reporting.start && s.start + pro.index < persons[0].start)) {
      if (reporting !== persons[0] && reporting.start > s.start) return reporting.entity.name;
    }
    let proAt = pro && (!g || (pro[1].toLowerCase() === 'she') === (g === 'f')) ? s.start + pro.index : Infinity;
    // "the French international defender believes…": a role noun as subject refers back like a pronoun
    const roleSubj = roleSubjectAt(body);
    if (roleSubj >= 0) proAt = Math.min(proAt, s.start + roleSubj);
    if (persons.length && persons[0].start < proAt) return persons[0].entity.name;
    if (proAt !== Infinity) continue; // "And he hit back…": the same person as before
  }
  return null;
}

const ROLE_SUBJECT = /^\s*(?:(?:And|But|However,?|Yet|So|Now|Meanwhile,?)\s+)?([Tt]he|[Tt]his|[Tt]hat)\s+/;

/** Offset of a subject like "the 31-year-old Scot" / "the French international defender" at a sentence start, or -1. */
function roleSubjectAt(body: string): number {
  const m = ROLE_SUBJECT.exec(body);
  if (!m) return -1;
  const ws = body.slice(m[0].length).split(/\s+/, 6);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i].replace(/[,.;:]+$/, '');
    const lw = w.toLowerCase();
    if ((ROLE_HEADS.has(lw) || /-year-old$/.test(lw)) && !/^\p{Lu}/u.test(ws[i + 1] ?? '')) return m.index + m[0].indexOf(m[1]);
    if (/[,.;:]$/.test(ws[i])) break;
  }
  return -1;
}

const VERB_BEFORE = /\b(said|says|argued|argues|added|adds|insisted|insists|warned|warns|told|explained|stressed|claimed|admitted|conceded|acknowledged)\s+$/;
const VERB_AFTER = /^(?:,[^,.;]{1,80},)?\s+(?:also\s+|has\s+|had\s+)?(said|says|argued|argues|added|adds|insisted|insists|warned|warns|told|tells|explained|stressed|claimed|admitted|conceded|acknowledged|believes|thinks)\b/;

/** The mention is the subject of a reporting verb ("Mr Howard said") or follows an inverted one ("argued Mr Howard"). */
function reportsAt(masked: string, m: EntityMention): boolean {
  return VERB_BEFORE.test(masked.slice(Math.max(0, m.start - 14), m.start)) || VERB_AFTER.test(masked.slice(m.end, m.end + 100));
}
