import type { Entity, EntityType, Quote, Span } from '../types';
import { paragraphsOf } from '../extract/paragraphs';
import { INVERTING_VERBS, REPORTING_VERBS, VERB_FILLERS, WEAK_VERBS } from '../extract/cues';
import { tokenize, type Tokens } from './tokens';
import {
  DEMONYMS, DOCUMENT_NOUNS, GIVEN_NAMES, HONORIFICS, KNOWN_ORGS, MONTHS_AND_DAYS, NON_ENTITY_WORDS, ORG_HEADS, ORG_SUFFIXES,
  PLACES, ROLE_HEADS, ROLE_MODIFIERS,
} from './lexicon';

/**
 * People, organisations and places named in a source, with their mentions.
 *
 * No name list can know every name in the news, so names are learnt from the source's own patterns:
 * a title or role before a capitalised name ("Russian presidential spokesman Dmitry Peskov", "Mr Ebbers"),
 * an appositive after it ("Liu Mingche, counsellor of the Chinese Embassy to Russia"), a reporting verb beside it
 * ("said Tim Ash", "Zhang Hanhui told"), a common given name. Organisations by their last word (Capital, Ministry,
 * Palace…) or a head with "of/for" (Centre for…), places from a short gazetteer. Capitalised words without such
 * evidence (sentence starts, headings, months, weekdays) are not entities. Then every form of each name
 * (full name, surname, titled form) is found throughout the text.
 * Never throws: returns [] on an internal error.
 */
export function findEntities(text: string, bodyStart: number, sourceId: string, quotes: Quote[], paragraphs?: Span[]): Entity[] {
  try {
    return find(text, bodyStart, sourceId, quotes, paragraphs ?? paragraphsOf(text, bodyStart));
  } catch {
    return [];
  }
}

type Label = 'hon' | 'role' | 'mod' | 'conn' | 'name' | 'suffix';

interface PersonForm {
  core: string[];
  /** Offsets of the core in the text. */
  span: Span;
  role?: string;
  affiliation?: string;
  titled?: string;
  gender?: 'm' | 'f';
  inQuote: boolean;
}

interface Named {
  name: string;
  type: EntityType;
  /** How often each written form was seen (the name is chosen from these). */
  forms: Map<string, number>;
  aliases: Set<string>;
  role: string | undefined;
  affiliation: string | undefined;
  roleInQuote: boolean | undefined;
  first: number | undefined;
  gender: 'm' | 'f' | undefined;
  /** People: the order they were found in, and the words of each form of their name. */
  order: number;
  nameForms: string[][];
  mentions: Span[];
}

const FORMAL_TITLES = new Set(['President', 'Chancellor', 'Minister', 'Senator', 'Governor', 'Mayor', 'King', 'Queen', 'Prince', 'Princess', 'Pope', 'Premier', 'Ambassador', 'Judge', 'Archbishop', 'Cardinal', 'General', 'Professor', 'Prof', 'Dr', 'Sir', 'Lord', 'Lady', 'Dame', 'Mr', 'Mrs', 'Ms', 'Miss', 'Rev']);
const PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'bin', 'al', 'el', 'da', 'di', 'du', 'le', 'la', 'del', 'dos', 'ter', 'ibn']);
const CONNECTORS = new Set(['of', 'for', 'and', '&', 'the', 'to']);
const PLACE_WORDS = new Set(['sea', 'ocean', 'region', 'province', 'island', 'islands', 'river', 'mountains', 'gulf', 'bay', 'peninsula', 'strait', 'valley', 'county', 'republic', 'kingdom', 'oblast', 'territory']);
const ROLE_PREFIX = /^(then|ex|former|vice|deputy|acting|co|sub|under|assistant)$/;

// The word lists a lower-case word is in, as bits of one map: label, startsNothing, lookback, singleEvidence and
// classifyParts run for every capitalised word, and asked up to ten sets about the same word one after another.
const HON = 1;
const ROLE_HEAD = 2;
const CONN = 4;
const ORG_SUFFIX = 8;
const ROLE_MOD = 16;
const DEMONYM = 32;
const NON_ENTITY = 64;
const PLACE = 128;
const MONTH_DAY = 256;
const ORG_HEAD = 512;
const PLACE_WORD = 1024;
const LEX = new Map<string, number>();
const lists: [Iterable<string>, number][] = [
  [HONORIFICS.keys(), HON], [ROLE_HEADS, ROLE_HEAD], [CONNECTORS, CONN], [ORG_SUFFIXES, ORG_SUFFIX], [ROLE_MODIFIERS, ROLE_MOD],
  [DEMONYMS, DEMONYM], [NON_ENTITY_WORDS, NON_ENTITY], [PLACES, PLACE], [MONTHS_AND_DAYS, MONTH_DAY], [ORG_HEADS, ORG_HEAD],
  [PLACE_WORDS, PLACE_WORD],
];
for (const [words, bit] of lists) for (const w of words) LEX.set(w, (LEX.get(w) ?? 0) | bit);

/** The lists (bits above) a lower-case word is in; 0 when none. */
function lex(w: string): number {
  return LEX.get(w) ?? 0;
}
const SKIP_ADJ = /-(led|based|backed|owned|funded|born|run|controlled|dominated|style)$/;

/** The state of one run of the finder. */
interface S {
  text: string;
  t: Tokens;
  persons: PersonForm[];
  others: Map<string, { type: EntityType; name: string; aliases: Set<string> }>;
  singles: { idx: number; verb: boolean; org: boolean }[];
}

function isRoleWord(S: S, i: number): boolean {
  const w = S.t.lower(i);
  return (lex(w) & ROLE_HEAD) !== 0 || roleCompound(w);
}

/** "ex-president", "vice-chairman": a role head after a role prefix and a dash. */
function roleCompound(w: string): boolean {
  const dash = w.lastIndexOf('-');
  return dash > 0 && ROLE_HEADS.has(w.slice(dash + 1)) && ROLE_PREFIX.test(w.slice(0, dash));
}

function honorific(S: S, i: number): boolean {
  return S.t.cap(i) && (lex(S.t.lower(i)) & HON) !== 0;
}

function label(S: S, i: number): Label {
  let l = S.t.tags[i] as Label | undefined;
  if (l !== undefined) return l;
  const w = S.t.lower(i);
  const cap = S.t.cap(i);
  const b = lex(w);
  if (cap && (b & HON) !== 0) l = 'hon';
  else if ((b & ROLE_HEAD) !== 0 || roleCompound(w)) l = 'role';
  else if (!cap && (b & CONN) !== 0) l = 'conn';
  else if (cap && (b & ORG_SUFFIX) !== 0) l = 'suffix';
  else if ((b & (ROLE_MOD | DEMONYM)) !== 0) l = 'mod';
  else l = 'name';
  S.t.tags[i] = l;
  return l;
}

/** Exactly one space between two words of a paragraph (the first without a possessive). */
function spaced(S: S, a: number, b: number): boolean {
  if (S.t.para[a] !== S.t.para[b] || S.t.poss(a) || S.t.start[b] !== S.t.end[a] + 1) return false;
  const c = S.text.charCodeAt(S.t.end[a]);
  return c === 32 || c === 0xa0;
}

/** Two consecutive words of one name: one space between, or ". " after an initial. */
function adjacent(S: S, a: number, b: number): boolean {
  if (spaced(S, a, b)) return true;
  const { t, text } = S;
  return (
    t.para[a] === t.para[b] && !t.poss(a) && t.end[a] - t.start[a] === 1 && t.cap(a) && t.start[b] === t.end[a] + 2 &&
    text.charCodeAt(t.end[a]) === 46 && text.charCodeAt(t.end[a] + 1) === 32
  );
}

/** Maximal sequences of capitalised words, joined by name particles and (inside organisation names) of/for/and. */
function runs(S: S, visit: (run: number[]) => void): void {
  const t = S.t;
  let i = 0;
  while (i < t.n) {
    if (!t.cap(i)) {
      i++;
      continue;
    }
    const run = [i];
    let j = i;
    while (j + 1 < t.n && adjacent(S, j, j + 1)) {
      if (t.cap(j + 1)) {
        run.push(++j);
        continue;
      }
      // one or two lower-case joiners (j + 1, and j + 2 when there are two), then a capitalised word; counted, not
      // listed: this runs at the end of nearly every run, and an array each time was garbage for every capitalised word
      let k = j + 1;
      let joiners = 0;
      while (k < t.n && !t.cap(k) && joiners < 2 && adjacent(S, k - 1, k)) {
        joiners++;
        k++;
      }
      if (k >= t.n || !t.cap(k) || !adjacent(S, k - 1, k) || joiners === 0) break;
      const w0 = t.lower(j + 1);
      const w1 = joiners > 1 ? t.lower(j + 2) : '';
      const prev = t.lower(j);
      const prevLex = lex(prev);
      const headBefore = (prevLex & (ORG_HEAD | ROLE_HEAD | PLACE_WORD)) !== 0;
      const ok =
        (joiners === 1 && PARTICLES.has(w0)) ||
        ((w0 === 'of' || w0 === 'for') && (joiners === 1 || w1 === 'the') && headBefore) ||
        (w0 === 'to' && joiners === 1 && (prevLex & ROLE_HEAD) !== 0) ||
        (joiners === 1 && (w0 === 'and' || w0 === '&') && run.some((x) => !t.cap(x) && (t.lower(x) === 'of' || t.lower(x) === 'for')));
      if (!ok) break;
      for (let x = j + 1; x < k; x++) run.push(x);
      run.push(k);
      j = k;
    }
    visit(run);
    i = j + 1;
  }
}

// Multi-word gazetteer entries, by first word.
const multiIndex = (entries: Iterable<string>, lower: boolean): Map<string, string[][]> => {
  const m = new Map<string, string[][]>();
  for (const e of entries) {
    const ws = e.split(' ');
    const k = lower ? ws[0].toLowerCase() : ws[0];
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(lower ? ws.map((w) => w.toLowerCase()) : ws);
  }
  for (const v of m.values()) v.sort((a, b) => b.length - a.length);
  return m;
};
const PLACE_INDEX = multiIndex(PLACES, true);
const ORG_INDEX = multiIndex(KNOWN_ORGS, false);

/** Length of the longest known organisation (ORG_INDEX, as written) starting at words[i] (0 when none); places are
 * matched in lower case by placeAt. */
function matchAt(words: string[], i: number, index: Map<string, string[][]>): number {
  const list = index.get(words[i]);
  if (!list) return 0;
  for (const cand of list) {
    if (i + cand.length > words.length) continue;
    let ok = true;
    for (let k = 1; k < cand.length && ok; k++) ok = words[i + k] === cand[k];
    if (ok) return cand.length;
  }
  return 0;
}

/** Length of the longest place name starting at the run's i-th word (0 when none), read from the tokens' cached
 * lower-case forms: the same answer as matchAt over the run's lower-cased words, without an array of them per run. */
function placeAt(S: S, run: number[], i: number): number {
  const list = PLACE_INDEX.get(S.t.lower(run[i]));
  if (!list) return 0;
  for (const cand of list) {
    if (i + cand.length > run.length) continue;
    let ok = true;
    for (let k = 1; k < cand.length && ok; k++) ok = S.t.lower(run[i + k]) === cand[k];
    if (ok) return cand.length;
  }
  return 0;
}

function addOther(S: S, name: string, type: EntityType): void {
  const key = `${type}:${name}`;
  if (!S.others.has(key)) S.others.set(key, { type, name, aliases: new Set() });
}

function startsNothing(S: S, i: number): boolean {
  const w = S.t.lower(i);
  const l = label(S, i);
  if (l === 'hon' || l === 'role') return false;
  const b = lex(w);
  if ((b & ROLE_MOD) !== 0 && !S.t.sentStart(i)) return false;
  if (SKIP_ADJ.test(w)) return true;
  return (b & NON_ENTITY) !== 0 || !S.t.cap(i);
}

// The labels of the run being classified: one scratch array for every run (an array per run of capitalised words was
// garbage for each). Only its first run.length entries are read, by classifyRun and the three steps it calls, and it is
// never kept.
const RUN_LABELS: Label[] = [];

/** One run of capitalised words: known organisations and places in it, else an organisation or a place by its
 * last word, else a person (a core of names and the title or role before it). In parts, each small enough for the
 * optimising compiler to handle cheaply on a cold start. */
function classifyRun(S: S, run: number[]): void {
  const words = wordsAt(S, run);
  const labels = RUN_LABELS;
  for (let i = 0; i < run.length; i++) labels[i] = label(S, run[i]);
  // "Mr Irish", "Mrs Green": after an honorific, any capitalised word is a name
  for (let i = 1; i < run.length; i++) if (labels[i - 1] === 'hon' && (labels[i] === 'mod' || labels[i] === 'suffix') && i === run.length - 1) labels[i] = 'name';
  // a title word after a given name is a surname ("Paul King", "John Major")
  const lastL = labels[run.length - 1];
  if (run.length >= 2 && (lastL === 'hon' || lastL === 'role') && labels[run.length - 2] === 'name' && GIVEN_NAMES.has(words[run.length - 2])) {
    labels[run.length - 1] = 'name';
  }
  const covered = knownNamesIn(S, run, words, labels);
  if (placeOrOrganisation(S, run, words, labels, covered)) return;
  personIn(S, run, words, labels, covered);
}

/** Known organisations and places inside the run, added; which words they cover (undefined: none). */
function knownNamesIn(S: S, run: number[], words: string[], labels: Label[]): boolean[] | undefined {
  let covered: boolean[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const o = matchAt(words, i, ORG_INDEX);
    const n = o || placeAt(S, run, i);
    if (!n) continue;
    // a known name followed by an organisation word is part of a longer name ("Kremlin Palace")
    if (i + n < words.length && labels[i + n] === 'suffix') continue;
    addOther(S, words.slice(i, i + n).join(' '), o ? 'organization' : 'place');
    covered ??= new Array(words.length).fill(false);
    for (let k = i; k < i + n; k++) covered[k] = true;
    i += n - 1;
  }
  return covered;
}

/** A place ("Sea of Japan", "Xinjiang Uygur Autonomous Region") or an organisation (a run ending with an organisation
 * word, or Head of/for X): added, and true. */
function placeOrOrganisation(S: S, run: number[], words: string[], labels: Label[], covered: boolean[] | undefined): boolean {
  const t = S.t;
  const last = run.length - 1;
  if (run.length >= 2 && !covered && !t.inQuote(run[0])) {
    const lw = t.lower(run[last]);
    if (PLACE_WORDS.has(lw) || (PLACE_WORDS.has(t.lower(run[0])) && t.lower(run[1]) === 'of')) {
      addOther(S, words.join(' '), 'place');
      return true;
    }
  }
  let hasOfHead = false;
  for (let i = 1; i < run.length && !hasOfHead; i++) {
    hasOfHead = labels[i] === 'conn' && (words[i] === 'of' || words[i] === 'for') && ORG_HEADS.has(t.lower(run[i - 1]));
  }
  if ((labels[last] === 'suffix' || hasOfHead) && !(covered && covered.every(Boolean))) {
    let s = 0;
    while (s < last && (labels[s] === 'hon' || labels[s] === 'role' || labels[s] === 'conn')) s++;
    const name = words.slice(s).join(' ');
    if (run.length - s >= 2 || KNOWN_ORGS.has(name) || /^[A-Z]{2,}$/.test(name)) addOther(S, name, 'organization');
    return true;
  }
  return false;
}

/** The prefix of a run that is all name: shared, never written. */
const NO_PREFIX: number[] = [];

/** People: a core of names at the end of the run, and what stands before it. */
function personIn(S: S, run: number[], words: string[], labels: Label[], covered: boolean[] | undefined): void {
  let c = run.length;
  while (c > 0 && labels[c - 1] === 'name' && !(covered && covered[c - 1])) c--;
  if (c === run.length) {
    if (run.length === 1 && (labels[0] === 'name' || labels[0] === 'mod')) singleEvidence(S, run[0]);
    return;
  }
  // A run that is all name (most are one capitalised word) is its own core, with no prefix: no copies. The arrays
  // are only read from here on (the core's words become a name form).
  if (run.length - c > 4) return;
  const core = c === 0 ? run : run.slice(c);
  const coreWords = c === 0 ? words : words.slice(c);
  for (const w of coreWords) if (w.length >= 2 && w.length <= 6 && /^[A-Z]+$/.test(w)) return;
  const prefix = c === 0 ? NO_PREFIX : run.slice(0, c);
  const look = lookback(S, run[0]);
  const prefixIdx = look.length ? [...look, ...prefix] : prefix;
  let titled = false;
  for (const x of prefixIdx) if (label(S, x) === 'hon' || label(S, x) === 'role') titled = true;
  const first = core[0];
  const lastTok = core[core.length - 1];
  const appos = appositive(S, lastTok);
  const given = coreWords.length >= 2 && GIVEN_NAMES.has(coreWords[0]);
  let verbAfter: boolean | undefined;
  const isPerson = titled || (coreWords.length >= 2 && (given || !!appos || (verbAfter = verbFollows(S, lastTok)) || verbPrecedes(S, first)));
  if (!isPerson) {
    if (core.length === 1) singleEvidence(S, first);
    else if ((verbAfter ?? verbFollows(S, lastTok)) && orgLike(S, lastTok)) addOther(S, coreWords.join(' '), 'organization');
    return;
  }
  if (coreWords.length === 1 && GIVEN_NAMES.has(coreWords[0]) && !prefixIdx.some((x) => honorific(S, x))) return; // "[President Vladimir]"
  const t = S.t;
  const form: PersonForm = {
    core: coreWords,
    span: { start: t.start[first], end: t.end[lastTok] },
    gender: genderBefore(S, prefixIdx, coreWords),
    inQuote: t.inQuote(first),
    role: undefined,
    affiliation: undefined,
    titled: undefined,
  };
  roleOf(S, form, prefixIdx, appos);
  if (prefix.length) titledForm(S, form, prefix, first, lastTok);
  S.persons.push(form);
}

/** The gender an honorific or a gendered role word before the name tells, else the given name's. */
function genderBefore(S: S, prefixIdx: number[], coreWords: string[]): 'm' | 'f' | undefined {
  const t = S.t;
  let gender: 'm' | 'f' | undefined;
  for (const x of prefixIdx) {
    const lw = t.lower(x);
    const g = HONORIFICS.get(lw);
    if (g && t.cap(x)) gender = g;
    if (/woman$|ess$/.test(lw)) gender = 'f';
    if (/(?:spokes|chair|business)man$/.test(lw)) gender = 'm';
  }
  if (!gender && coreWords.length >= 2) gender = GIVEN_NAMES.get(coreWords[0]);
  return gender;
}

/** Role and affiliation: from the role words before the name, else from an appositive after it. */
function roleOf(S: S, form: PersonForm, prefixIdx: number[], appos: { role: string; affiliation?: string } | undefined): void {
  const t = S.t;
  const roleIdx = prefixIdx.filter((x) => !honorific(S, x));
  if (roleIdx.some((x) => isRoleWord(S, x))) {
    form.role = S.text.slice(t.start[roleIdx[0]], t.end[roleIdx[roleIdx.length - 1]]).replace(/\s+/g, ' ');
    const pw = wordsAt(S, prefixIdx);
    for (let k = 0; k < pw.length && !form.affiliation; k++) {
      const n = matchAt(pw, k, ORG_INDEX);
      if (n) form.affiliation = pw.slice(k, k + n).join(' ');
    }
  } else if (appos) {
    form.role = appos.role;
    form.affiliation = appos.affiliation;
  }
  if (appos && !form.affiliation) form.affiliation = appos.affiliation;
}

/** The titled form ("President Putin", "Prime Minister Boris Johnson") when a formal title stands right before. */
function titledForm(S: S, form: PersonForm, prefix: number[], first: number, lastTok: number): void {
  const t = S.t;
  const before = prefix[prefix.length - 1];
  const bw = t.word(before);
  if (t.cap(before) && (honorific(S, before) || FORMAL_TITLES.has(bw))) {
    const title = bw === 'Minister' && prefix.length >= 2 && t.word(prefix[prefix.length - 2]) === 'Prime' ? 'Prime Minister' : bw;
    if (bw !== 'Minister' || title === 'Prime Minister') form.titled = `${title} ${S.text.slice(t.start[first], t.end[lastTok])}`;
  }
}

/**
 * The words at these token indexes. A loop, not `map`: the map builtin returns a packed array but its inlined
 * optimised form a holey one, and every read of such an array then deoptimises its function once per read site
 * (classifyRun was recompiled a dozen times on a cold start, a tenth of a second of CPU each).
 */
function wordsAt(S: S, idx: number[]): string[] {
  const out: string[] = [];
  for (const x of idx) out.push(S.t.word(x));
  return out;
}

/** Lower-case role words and modifiers right before a run ("presidential spokesman" Dmitry Peskov). */
function lookback(S: S, firstIdx: number): number[] {
  const t = S.t;
  const out: number[] = [];
  let k = firstIdx - 1;
  let lastRole = -1;
  while (k >= 0 && out.length < 6) {
    if (!spaced(S, k, k + 1)) break;
    const w = t.lower(k);
    const role = label(S, k) === 'role';
    const b = lex(w);
    const mod = (b & (ROLE_MOD | DEMONYM | ORG_SUFFIX)) !== 0 || (t.cap(k) && (b & NON_ENTITY) === 0 && !t.sentStart(k));
    if (!role && !mod) break;
    out.unshift(k);
    if (role && lastRole < 0) lastRole = k;
    k--;
  }
  return lastRole < 0 ? NO_PREFIX : out;
}

const APPOS = /^(?:,|\s[—–-])\s+((?:the |a |an )?[^,.;:“”"()\n]{2,120}?)(?=\s*(?:[,.;:)]|\s[—–-]\s|$))/;

/** ", counsellor of the Chinese Embassy to Russia," / " — Chinese Ambassador to Moscow" after a name. */
function appositive(S: S, lastTok: number): { role: string; affiliation?: string } | undefined {
  const { t, text } = S;
  if (t.poss(lastTok)) return undefined;
  const e = t.end[lastTok];
  const c = text.charCodeAt(e);
  if (c !== 44 && !(c === 32 && /[—–-]/.test(text[e + 1] ?? ''))) return undefined;
  const after = text.slice(e, Math.min(text.length, e + 160));
  const m = APPOS.exec(after);
  if (!m) return undefined;
  const phrase = m[1].replace(/^(?:the|a|an) /, '');
  const ws = phrase.split(/\s+/);
  if (REPORTING_VERBS.has(ws[0].toLowerCase()) || /^(who|which|that|whose|where|and|but|or|as|in|on|at)$/i.test(ws[0])) return undefined;
  const prepAt = ws.findIndex((w, i) => i > 0 && /^(at|of|for|with|from)$/.test(w));
  const head = prepAt > 0 ? ws.slice(0, prepAt) : ws;
  if (head.length > 5 || !head.some((w) => ROLE_HEADS.has(w.toLowerCase()) || w.toLowerCase().split('-').some((p) => ROLE_HEADS.has(p)))) return undefined;
  if (prepAt < 0) return { role: phrase };
  const aff = ws.slice(prepAt + 1).join(' ').replace(/^the /, '');
  return { role: head.join(' '), affiliation: /^\p{Lu}/u.test(aff) ? aff : undefined };
}

const AFTER_APPOSITIVE = /^,[^,.;:!?“”"()\n]{3,90},\s+(?:also\s+|has\s+|had\s+)?(said|says|told|tells|added|adds|warned|insisted|explained|argued|stressed|wrote|writes|admitted|claimed|believes|thinks)\b/;

function verbFollows(S: S, idx: number, strong = false): boolean {
  const { t, text } = S;
  if (t.poss(idx)) return false;
  if (!strong && text.charCodeAt(t.end[idx]) === 44 && AFTER_APPOSITIVE.test(text.slice(t.end[idx], t.end[idx] + 120))) return true;
  let k = idx + 1;
  for (let n = 0; k < t.n && n < 4; n++, k++) {
    if (t.para[k] !== t.para[idx] || t.cap(k)) return false;
    // one space, or ", "
    const gapLen = t.start[k] - t.end[k - 1];
    const g0 = text.charCodeAt(t.end[k - 1]);
    if (!(gapLen === 1 && g0 === 32) && !(gapLen === 2 && g0 === 44 && text.charCodeAt(t.end[k - 1] + 1) === 32)) return false;
    const w = t.word(k);
    if (strong ? INVERTING_VERBS.has(w) : REPORTING_VERBS.has(w) && !WEAK_VERBS.has(w)) return true;
    if (!VERB_FILLERS.has(w)) return false;
  }
  return false;
}

function verbPrecedes(S: S, idx: number, clauseEnd = false): boolean {
  const k = idx - 1;
  if (k < 0 || !spaced(S, k, idx)) return false;
  if (clauseEnd && /^[\p{L}\p{N}]/u.test(S.text.slice(S.t.end[idx], S.t.end[idx] + 2).replace(/^['’]s/, '').trimStart())) {
    // "said Climax was …": reported speech about Climax, not Climax speaking
    const next = S.text.slice(S.t.end[idx], S.t.end[idx] + 2);
    if (/^\s\p{Ll}/u.test(next)) return false;
  }
  const w = S.t.word(k);
  return INVERTING_VERBS.has(w) || (w === 'to' && k > 0 && S.t.lower(k - 1) === 'according');
}

const ORG_LIKE = /^\s+\w+\s+in\s+(?:a|an|the|its)\s+(\w+)/;
function orgLike(S: S, i: number): boolean {
  const m = ORG_LIKE.exec(S.text.slice(S.t.end[i], S.t.end[i] + 60));
  return !!m && DOCUMENT_NOUNS.has(m[1]);
}

/** A lone capitalised word beside a reporting verb: maybe a surname, maybe an organisation. */
function singleEvidence(S: S, idx: number): void {
  const w = S.t.lower(idx);
  if ((lex(w) & (PLACE | DEMONYM | NON_ENTITY)) !== 0) return;
  const verb = !S.t.inQuote(idx) && (verbFollows(S, idx, true) || verbPrecedes(S, idx, true));
  S.singles.push({ idx, verb, org: /^[A-Z]{2,6}$/.test(S.t.word(idx)) || (verb && orgLike(S, idx)) });
}

// The finder in steps, each its own small function: a cold start compiles each hot function with the optimising
// compiler (and again after each deoptimisation); one 240-line function with a dozen closures cost ~0.8 s of CPU in
// compilation alone on BBC ×1, more than running it.
function find(text: string, bodyStart: number, sourceId: string, quotes: Quote[], paragraphs: Span[]): Entity[] {
  const qspans: Span[] = [];
  for (const q of quotes) qspans.push(q.span);
  qspans.sort((a, b) => a.start - b.start);
  const S: S = { text, t: tokenize(text, paragraphs, qspans), persons: [], others: new Map(), singles: [] };
  runs(S, (run) => classifyParts(S, run));
  const people = mergePeople(S);
  const orgs = new Map<string, Named>();
  for (const [key, o] of S.others) orgs.set(key, named(o.name, o.type, new Map([[o.name, 1]]), o.aliases));
  addLoneWords(S, people, orgs);
  addBracketAcronyms(text, bodyStart, orgs);
  addFirstWordAliases(people, orgs);
  findMentions(S, mentionIndex(people, orgs));
  return toEntities(text, sourceId, [...people.list, ...orgs.values()]);
}

/** Months and weekdays split a run; words that never start a name are dropped from its front. */
function classifyParts(S: S, run: number[]): void {
  const t = S.t;
  let from = 0;
  for (let k = 0; k <= run.length; k++) {
    if (k < run.length && (lex(t.lower(run[k])) & MONTH_DAY) === 0) continue;
    let a = from;
    let b = k;
    from = k + 1;
    while (a < b && startsNothing(S, run[a])) a++;
    while (b > a && label(S, run[b - 1]) === 'conn') b--;
    if (b > a) classifyRun(S, a === 0 && b === run.length ? run : run.slice(a, b));
  }
}

/** Every field set at creation: one object shape for every entity keeps the code that reads them monomorphic. */
function named(name: string, type: EntityType, forms: Map<string, number>, aliases: Set<string>, first?: number, gender?: 'm' | 'f'): Named {
  return { name, type, forms, aliases, role: undefined, affiliation: undefined, roleInQuote: undefined, first, gender, order: -1, nameForms: [], mentions: [] };
}

const NO_ONE: readonly Named[] = [];

/** The people found so far, with lookups by the last and the first word of their name forms. */
class People {
  readonly list: Named[] = [];
  // People by the last and the first word of their forms, in the order they were found: lookups stay cheap
  // in a long source with thousands of people (a scan of every person for every name was quadratic).
  private readonly byLastWord = new Map<string, Named[]>();
  private readonly byFirstWord = new Map<string, Named[]>();

  add(person: Named, form: string[]): void {
    person.order = this.list.length;
    this.list.push(person);
    this.addForm(person, form);
  }

  addForm(person: Named, form: string[]): void {
    person.nameForms.push(form);
    fileUnder(this.byLastWord, form[form.length - 1], person);
    fileUnder(this.byFirstWord, form[0], person);
  }

  bySurname(w: string): readonly Named[] {
    return this.byLastWord.get(w) ?? NO_ONE;
  }

  byFirst(w: string): readonly Named[] {
    return GIVEN_NAMES.has(w) ? NO_ONE : this.byFirstWord.get(w) ?? NO_ONE;
  }
}

/** Adds a person to a lookup list, kept in the order the people were found. */
function fileUnder(map: Map<string, Named[]>, key: string, person: Named): void {
  const list = map.get(key);
  if (!list) map.set(key, [person]);
  else if (!list.includes(person)) {
    list.push(person);
    if (list[list.length - 2].order > person.order) list.sort((a, b) => a.order - b.order);
  }
}

/** Two forms of one person's name: same surname, no clash of gendered given names, same initial. */
function compatibleForms(a: string[], b: string[]): boolean {
  if (a[a.length - 1] !== b[b.length - 1]) return false;
  const ga = GIVEN_NAMES.get(a[0]);
  const gb = GIVEN_NAMES.get(b[0]);
  if (ga && gb && ga !== gb) return false;
  return a[0][0] === b[0][0];
}

/** Takes a form's title, role and gender into the person (a role outside quotes wins over one inside). */
function absorb(person: Named, p: PersonForm): void {
  if (p.titled) person.aliases.add(p.titled);
  if (p.role && (!person.role || (person.roleInQuote && !p.inQuote))) {
    person.role = p.role;
    person.affiliation = p.affiliation;
    person.roleInQuote = p.inQuote;
  }
  person.affiliation ??= p.affiliation;
  person.gender ??= p.gender;
}

/** Person forms merged into people: full names first (outside quotes first), then lone surnames and first names. */
function mergePeople(S: S): People {
  const people = new People();
  const multi = S.persons.filter((p) => p.core.length >= 2).sort((a, b) => Number(a.inQuote) - Number(b.inQuote) || a.span.start - b.span.start);
  for (const p of multi) {
    let person = people.bySurname(p.core[p.core.length - 1]).find((e) => e.nameForms.some((f) => compatibleForms(f, p.core)));
    if (!person) {
      person = named(p.core.join(' '), 'person', new Map(), new Set(), p.span.start, p.gender);
      people.add(person, p.core);
    } else people.addForm(person, p.core);
    const f = S.text.slice(p.span.start, p.span.end).replace(/\s+/g, ' ');
    person.forms.set(f, (person.forms.get(f) ?? 0) + (p.inQuote ? 0.5 : 1));
    absorb(person, p);
  }
  for (const p of S.persons) {
    if (p.core.length !== 1) continue;
    const w = p.core[0];
    let cands = people.bySurname(w);
    if (!cands.length) cands = people.byFirst(w);
    let person = cands.length === 1 ? cands[0] : cands.length > 1 ? nearestBefore(cands, p.span.start) : undefined;
    if (!person) {
      person = named(w, 'person', new Map([[w, 0]]), new Set(), p.span.start, p.gender);
      people.add(person, [w]);
    }
    absorb(person, p);
  }
  for (const person of people.list) chooseName(person);
  return people;
}

/** The name: the form seen most often (outside quotes counting double), a full name before a single word. */
function chooseName(person: Named): void {
  let best = person.name;
  let bestScore = -1;
  for (const [f, n] of person.forms) {
    const score = n * 10 + (f.includes(' ') ? 5 : 0);
    if (score > bestScore) {
      best = f;
      bestScore = score;
    }
  }
  person.name = best;
  for (const f of person.forms.keys()) if (f !== best) person.aliases.add(f);
}

/** Lone capitalised words beside reporting verbs: a known surname, else a new person or organisation. */
function addLoneWords(S: S, people: People, orgs: Map<string, Named>): void {
  const t = S.t;
  const orgWords = new Set<string>();
  for (const o of orgs.values()) for (const w of o.name.split(' ')) orgWords.add(w);
  for (const s of S.singles) {
    if (!s.verb) continue;
    const w = t.word(s.idx);
    if (orgWords.has(w) || people.bySurname(w).length || people.byFirst(w).length) continue;
    if (s.org || KNOWN_ORGS.has(w)) {
      orgs.set(`organization:${w}`, named(w, 'organization', new Map([[w, 1]]), new Set()));
      orgWords.add(w);
    } else {
      people.add(named(w, 'person', new Map([[w, 1]]), new Set<string>(), t.start[s.idx]), [w]);
    }
  }
}

/** Acronyms defined in brackets: "Shanghai Cooperation Organisation (SCO)". */
function addBracketAcronyms(text: string, bodyStart: number, orgs: Map<string, Named>): void {
  const orgsByName = new Map<string, Named>();
  for (const o of orgs.values()) if (o.type === 'organization' && o.name.includes(' ')) orgsByName.set(o.name, o);
  const ACRO = /\(([A-Z][A-Za-z]{1,7})\)/g;
  ACRO.lastIndex = bodyStart;
  for (let m = ACRO.exec(text); m; m = ACRO.exec(text)) {
    const before = text.slice(Math.max(bodyStart, m.index - 80), m.index).trimEnd();
    // The organisation's name ends just before the bracket: look up the last 2–10 words, not every organisation.
    const words = before.split(' ');
    for (let n = 2; n <= Math.min(10, words.length); n++) {
      const o = orgsByName.get(words.slice(-n).join(' '));
      if (o) o.aliases.add(m[1]);
    }
  }
}

/** The first word of a multi-word organisation name stands for it ("Merrill said", "Sova Capital" → "Sova"). */
function addFirstWordAliases(people: People, orgs: Map<string, Named>): void {
  const personWords = new Set<string>();
  for (const p of people.list) for (const f of p.nameForms) for (const w of f) personWords.add(w);
  const firstWordOwners = new Map<string, Named[]>();
  for (const o of orgs.values()) {
    if (o.type !== 'organization') continue;
    const ws = o.name.split(' ');
    if (ws.length < 2) continue;
    const w = ws[0];
    const lw = w.toLowerCase();
    if (w.length < 3 || personWords.has(w) || NON_ENTITY_WORDS.has(lw) || PLACES.has(lw) || DEMONYMS.has(lw) || ROLE_MODIFIERS.has(lw) || ORG_SUFFIXES.has(lw) || ORG_HEADS.has(lw) || GIVEN_NAMES.has(w) || ROLE_HEADS.has(lw)) continue;
    firstWordOwners.set(w, [...(firstWordOwners.get(w) ?? []), o]);
  }
  for (const [w, owners] of firstWordOwners) if (owners.length === 1 && !orgs.has(`organization:${w}`)) owners[0].aliases.add(w);
}

interface FormEntry {
  form: string;
  words: string[];
  e: Named;
}

/** Every form of every name (full names, surnames owned by one person, aliases), by first word, longest first. */
function mentionIndex(people: People, orgs: Map<string, Named>): Map<string, FormEntry[]> {
  const index = new Map<string, FormEntry[]>();
  const addForm = (form: string, e: Named) => {
    const words = form.split(' ');
    let list = index.get(words[0]);
    if (!list) index.set(words[0], (list = []));
    if (!list.some((x) => x.form === form)) list.push({ form, words, e });
  };
  const surnameOwners = new Map<string, Set<Named>>();
  const own = (w: string, p: Named) => {
    let set = surnameOwners.get(w);
    if (!set) surnameOwners.set(w, (set = new Set()));
    set.add(p);
  };
  for (const p of people.list) {
    for (const f of p.nameForms) {
      addForm(f.join(' '), p);
      own(f[f.length - 1], p);
      if (!GIVEN_NAMES.has(f[0]) && f.length === 2) own(f[0], p);
    }
  }
  for (const [w, owners] of surnameOwners) {
    if (owners.size === 1 && !NON_ENTITY_WORDS.has(w.toLowerCase()) && !PLACES.has(w.toLowerCase())) addForm(w, [...owners][0]);
  }
  for (const o of orgs.values()) {
    addForm(o.name, o);
    for (const a of o.aliases) addForm(a, o);
  }
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);
  return index;
}

/** Mentions: at each capitalised word, the longest form that starts there; a mention is never read twice. */
function findMentions(S: S, index: Map<string, FormEntry[]>): void {
  const t = S.t;
  for (let i = 0; i < t.n; i++) {
    if (!t.cap(i)) continue;
    const list = index.get(t.word(i));
    if (!list) continue;
    for (const { words, e } of list) {
      let ok = i + words.length <= t.n;
      for (let k = 1; ok && k < words.length; k++) ok = t.word(i + k) === words[k] && adjacentLoose(S, i + k - 1, i + k);
      if (!ok) continue;
      e.mentions.push({ start: t.start[i], end: t.end[i + words.length - 1] });
      i += words.length - 1;
      break;
    }
  }
}

/** The entities that are mentioned, in the order of their first mention. */
function toEntities(text: string, sourceId: string, all: Named[]): Entity[] {
  const out: Entity[] = [];
  for (const e of all) {
    const spans = e.mentions;
    if (!spans.length) continue;
    const aliases = [...e.aliases].filter((a) => a !== e.name);
    if (e.type === 'person') {
      for (const sp of spans) {
        const form = text.slice(sp.start, sp.end);
        if (form !== e.name && !aliases.includes(form)) aliases.push(form);
      }
    }
    const mentions: Entity['mentions'] = [];
    for (const span of spans) mentions.push({ sourceId, span });
    const entity: Entity = { name: e.name, type: e.type, aliases, mentions };
    if (e.role) entity.role = e.role;
    if (e.affiliation) entity.affiliation = e.affiliation;
    out.push(entity);
  }
  out.sort((a, b) => a.mentions[0].span.start - b.mentions[0].span.start);
  return out;
}

function nearestBefore(cands: readonly Named[], pos: number): Named {
  return cands.filter((c) => (c.first ?? 0) <= pos).sort((a, b) => (b.first ?? 0) - (a.first ?? 0))[0] ?? cands[0];
}

/** Two words of one name form: the gap between them is " ", a no-break space, ". ", " & " or "&". Read by char
 * codes: comparing the gap as a string deoptimised the scan whenever a new kind of string turned up. */
function adjacentLoose(S: S, a: number, b: number): boolean {
  if (S.t.para[a] !== S.t.para[b] || S.t.poss(a)) return false;
  const at = S.t.end[a];
  const c = S.text.charCodeAt(at);
  switch (S.t.start[b] - at) {
    case 1:
      return c === 32 || c === 0xa0 || c === 38;
    case 2:
      return c === 46 && S.text.charCodeAt(at + 1) === 32;
    case 3:
      return c === 32 && S.text.charCodeAt(at + 1) === 38 && S.text.charCodeAt(at + 2) === 32;
    default:
      return false;
  }
}
