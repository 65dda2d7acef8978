// Who the draft says spoke a quotation: "X said", "said X", "X: “…”", "according to X",
// "X told / added / argued / warned …", "X called it “…”", a "— X" byline under a block quote, and
// "he/she said" resolved to the person last named. Conservative: when in doubt, no speaker.
import type { Span } from '../types';
import type { DraftScan, RawQuotation } from './draft';
import { Mask } from './draft';

export interface Attribution {
  /** The speaker's name: as written (titles stripped), or for a pronoun the person it refers to. */
  name: string;
  /** Span of the name (or of the pronoun) in the draft. */
  span: Span;
  /** For "he/she said": the pronoun as written (the name was resolved from an earlier mention). */
  pronoun?: string;
}

const VERBS =
  'said|says|say|told|tells|added|adds|argued|argues|warned|warns|stressed|stresses|explained|explains|noted|notes|' +
  'wrote|writes|insisted|insists|declared|declares|asked|asks|replied|replies|continued|continues|emphasised|' +
  'emphasized|emphasises|emphasizes|claimed|claims|stated|states|commented|comments|remarked|remarks|announced|' +
  'announces|admitted|admits|acknowledged|acknowledges|suggested|suggests|observed|observes|concluded|concludes|' +
  'recalled|recalls|tweeted|tweets|urged|urges|conceded|concedes|maintained|maintains|complained|complains|joked|' +
  'jokes|predicted|predicts|cautioned|cautions|pointed out|points out|went on|goes on|put it|puts it|responded|' +
  'responds|countered|counters|agreed|agrees|promised|promises|vowed|vows|boasted|boasts|quipped|quips|believes|' +
  'believed|thinks|thought|reiterated|reiterates|confirmed|confirms|denied|denies|told reporters';
const CALL_VERBS = 'called|calls|described|describes|dubbed|dubs|branded|brands|labelled|labeled|labels|termed|terms';
const INVERTED_VERBS = 'said|says|added|adds|continued|explained|wrote|writes|asked|insisted|warned|argued|noted|stressed|replied|emphasised|emphasized|concluded|recalled|observed|remarked|declared|cautioned|quipped|joked';

const VERB_WORDS = new Set(VERBS.split('|').filter((v) => !v.includes(' ')));
const VERB_RE = new RegExp(`\\b(?:${VERBS})\\b`, 'g');
const BEFORE_VERB_RE = new RegExp(`\\b(?:${VERBS}|${CALL_VERBS})\\b`, 'g');
const INVERTED_RE = new RegExp(`^[\\s,.;:!?—–-]*(?:${INVERTED_VERBS})\\s+`);

/** Capitalised words that start sentences or clauses but are not names. */
const NOT_NAMES = new Set(
  (
    'The A An But And Or However Then Meanwhile Also In On At As He She They We I It Its This That These Those Yesterday Today ' +
    'Tomorrow Earlier Later When While If Because So Still Now After Before According Last Next Speaking Asked There Here ' +
    'Such Some Many Most Both Each Every All Other Another One Two Three His Her Their Our My Your What Who Why How Where ' +
    'Analysts Officials Critics Experts Observers Sources Reports Investors Economists Diplomats Politicians Leaders Others ' +
    'People Residents Voters Fans Researchers Scientists Doctors Lawyers Police Officers Witnesses Campaigners Protesters ' +
    'Ministers Members Executives Traders Bankers Commentators Supporters Opponents Americans Russians Britons Europeans ' +
    'January February March April May June July August September October November December ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr'
  ).split(' '),
);
/** Titles and descriptors stripped from the front of a name ("Russian President Vladimir Putin"). */
const TITLES = new Set(
  (
    'president vice prime minister chancellor secretary senator sen sen. rep rep. representative governor gov gov. mayor mr mr. ' +
    'mrs mrs. ms ms. dr dr. prof prof. professor sir dame lord lady general gen gen. colonel col col. captain capt capt. chief ' +
    'judge justice king queen prince princess pope ambassador spokesman spokeswoman spokesperson chairman chairwoman chair ' +
    'director leader foreign defence defense interior finance deputy executive coach manager commissioner officer aide ' +
    'counsellor counselor press presidential premier economist analyst strategist head ceo cfo boss founder editor ' +
    'russian us u.s. american chinese german french british uk eu european ukrainian indian japanese italian spanish ' +
    'israeli iranian turkish polish canadian australian irish scottish welsh english senior former outgoing new state the'
  ).split(' '),
);
const PARTICLES = new Set(['de', 'da', 'van', 'von', 'der', 'den', 'del', 'della', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'ben', 'dos', 'das', 'y', 'st', 'st.']);
const SUFFIXES = new Set(['jr', 'jr.', 'sr', 'sr.', 'ii', 'iii', 'iv']);
const ADVERBS = new Set(['also', 'later', 'then', 'has', 'have', 'had', 'previously', 'recently', 'once', 'again', 'repeatedly', 'often', 'has', 'once', 'reportedly', 'publicly', 'privately', 'famously', 'bluntly', 'simply']);

interface Word {
  text: string;
  start: number;
  end: number;
}
const WORD_RE = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’-]*\.?/gu;

function wordsIn(prose: string, from: number, to: number): Word[] {
  const out: Word[] = [];
  WORD_RE.lastIndex = 0;
  const seg = prose.slice(from, to);
  for (let m = WORD_RE.exec(seg); m; m = WORD_RE.exec(seg)) {
    let t = m[0];
    // Keep the point of an initial ("R.") or an abbreviation, drop a sentence's full stop.
    if (t.endsWith('.') && !(t.length === 2 || /^(?:jr|sr|st|mr|mrs|ms|dr|gen|gov|sen|rep|prof|col|capt)\.$/i.test(t))) t = t.slice(0, -1);
    out.push({ text: t, start: from + m.index, end: from + m.index + t.length });
  }
  return out;
}

const isCap = (w: string) => /^\p{Lu}/u.test(w);
const isPossessive = (w: string) => /['’]s?$/.test(w) && w.length > 2;

/** Removes leading titles/descriptors; returns undefined when nothing name-like remains. */
function trimTitles(run: Word[]): Word[] | undefined {
  let s = 0;
  while (s < run.length - 1 && TITLES.has(run[s].text.toLowerCase())) s++;
  const kept = run.slice(s);
  if (kept.length === 0) return undefined;
  if (kept.every((w) => TITLES.has(w.text.toLowerCase()) || NOT_NAMES.has(w.text) || SUFFIXES.has(w.text.toLowerCase()))) return undefined;
  if (kept.length === 1 && NOT_NAMES.has(kept[0].text)) return undefined;
  return kept;
}

function runToName(run: Word[], prose: string): { name: string; span: Span } {
  const span = { start: run[0].start, end: run[run.length - 1].end };
  return { name: prose.slice(span.start, span.end), span };
}

/** Lower-case words inside an organisation's name ("Bank of England", "Institute for Deaf People"). */
const CONNECTORS = new Set(['of', 'for', '&']);

/** The run of capitalised words that ends right at the end of `words` (a name before a verb or colon). */
function trailingRun(words: Word[], prose: string): Word[] | undefined {
  const run: Word[] = [];
  for (let k = words.length - 1; k >= 0; k--) {
    const w = words[k];
    const after = run[0];
    if (after) {
      const gap = prose.slice(w.end, after.start);
      const suffixGap = SUFFIXES.has(after.text.toLowerCase()) && /^,\s*$/.test(gap);
      if (!/^[ \t]*\n?[ \t]*$/.test(gap) || gap === '' || (!/^\s+$/.test(gap) && !suffixGap)) {
        if (!suffixGap) break;
      }
    }
    const lower = w.text.toLowerCase();
    if (isPossessive(w.text) && run.length > 0) break;
    if (isCap(w.text)) run.unshift(w);
    else if (run.length > 0 && (PARTICLES.has(lower) || CONNECTORS.has(lower)) && k > 0 && isCap(words[k - 1].text)) run.unshift(w);
    else if (run.length === 0 && SUFFIXES.has(lower)) run.unshift(w);
    else break;
  }
  // Sentence openers and common nouns in front ("Then Putin", "The White House") are not part of the name.
  while (run.length && (NOT_NAMES.has(run[0].text) || PARTICLES.has(run[0].text.toLowerCase()) || CONNECTORS.has(run[0].text.toLowerCase()))) run.shift();
  if (run.length === 0 || run.every((w) => SUFFIXES.has(w.text.toLowerCase()))) return undefined;
  return trimTitles(run);
}

/** The first run of capitalised words in `words` that is a name (skipping title-only runs). */
function leadingRun(words: Word[], prose: string): Word[] | undefined {
  let k = 0;
  while (k < words.length) {
    if (!isCap(words[k].text) || NOT_NAMES.has(words[k].text)) {
      if (k === 0 && ['the', 'a', 'an'].includes(words[k].text.toLowerCase())) {
        k++;
        continue;
      }
      // Lower-case descriptors before the name ("presidential spokesman Dmitry Peskov").
      k++;
      continue;
    }
    const run: Word[] = [words[k]];
    let j = k + 1;
    while (j < words.length && /^\s+$/.test(prose.slice(words[j - 1].end, words[j].start))) {
      const w = words[j];
      if (isCap(w.text)) run.push(w);
      else if ((PARTICLES.has(w.text.toLowerCase()) || CONNECTORS.has(w.text.toLowerCase())) && j + 1 < words.length && isCap(words[j + 1].text)) run.push(w);
      else break;
      if (isPossessive(w.text)) break;
      j++;
    }
    if (isPossessive(run[run.length - 1].text)) {
      // "BlueBay Asset Management's Ash": the speaker is after the possessive.
      k = j + 1;
      continue;
    }
    const trimmed = trimTitles(run);
    // "the Bank of England governor Mervyn King": a title after the run introduces the speaker's name.
    let t = j;
    while (t < words.length && !isCap(words[t].text) && TITLES.has(words[t].text.toLowerCase())) t++;
    if (trimmed && t > j && t < words.length && isCap(words[t].text)) {
      k = t;
      continue;
    }
    if (trimmed) return trimmed;
    k = j;
  }
  return undefined;
}

/** Subject of a verb: the name just before it, past an appositive (", senior strategist at X,") and adverbs. */
function subjectBefore(prose: string, from: number, verbStart: number): { name?: { name: string; span: Span }; pronoun?: Span; sentenceInitial?: boolean } | undefined {
  let words = wordsIn(prose, from, verbStart);
  while (words.length && ADVERBS.has(words[words.length - 1].text.toLowerCase())) words = words.slice(0, -1);
  if (words.length === 0) return undefined;
  const last = words[words.length - 1];
  const tail = prose.slice(last.end, verbStart);
  if (/^\s*$/.test(tail) && /^(?:he|she)$/i.test(last.text)) return { pronoun: { start: last.start, end: last.end } };
  let end = words.length;
  if (/^\s*,\s*$/.test(tail)) {
    // An appositive: "Tim Ash, senior sovereign strategist at BlueBay Asset Management, said".
    const text = prose.slice(from, last.end);
    const comma = text.lastIndexOf(',');
    if (comma < 0) return undefined;
    const cut = from + comma;
    end = words.findIndex((w) => w.start >= cut);
    if (end < 0) end = words.length;
    if (!/^,/.test(prose.slice(words[end - 1]?.end ?? cut, cut + 1).trimStart())) return undefined;
  } else if (!/^\s*$/.test(tail)) return undefined;
  const run = trailingRun(words.slice(0, end), prose);
  if (!run) return undefined;
  return { name: runToName(run, prose), sentenceInitial: !/\S/.test(prose.slice(from, run[0].start).replace(/[,.;:—–-]/g, '')) };
}

/** `text` with every character the mask does not mark as prose made a space (line breaks stay). */
function blankedOutside(text: string, mask: Uint8Array): string {
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < mask.length; ) {
    if (mask[i] === Mask.Prose) {
      i++;
      continue;
    }
    let e = i;
    while (e < mask.length && mask[e] !== Mask.Prose) e++;
    parts.push(text.slice(at, i), blank(text, i, e));
    at = i = e;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** text[from, to) as spaces, its line breaks kept. */
function blank(text: string, from: number, to: number): string {
  const s = text.slice(from, to);
  return s.includes('\n') ? s.replace(/[^\n]/g, ' ') : ' '.repeat(to - from);
}

/** Known people, for resolving pronouns: lower-cased surnames and full names. */
export interface PersonLexicon {
  isPerson(name: string): boolean;
}

/**
 * What finding one quotation's speaker read besides the prose of its own sentence, so that the check can tell when
 * it must look again: how far back it read (a pronoun looks back at earlier names and attributions), and the names it
 * judged by whether the draft writes them mid-sentence anywhere (a fact about the whole draft).
 */
export interface AttributionReads {
  /** The earliest offset of the draft read (its prose, the quotations' places, earlier attributions). */
  from: number;
  /** Names judged by whether the draft writes them with a capital mid-sentence, and the verdict. */
  midSentence: Map<string, boolean>;
}

/** Finds who the draft says spoke quotation `qi`. */
export class DraftAttributor {
  private readonly found = new Map<number, Attribution | undefined>();
  private readonly readsOf = new Map<number, AttributionReads>();
  /** The reads of the attributions being computed (a pronoun computes earlier ones within its own). */
  private readonly reading: AttributionReads[] = [];
  private current = 0;
  private readonly midSentence = new Map<string, boolean>();
  private proseText?: string;
  private namesText?: string;

  constructor(
    private readonly scan: DraftScan,
    private readonly persons: PersonLexicon,
  ) {}

  /** The draft with non-prose made spaces (line breaks stay), so offsets are the draft's. Made when first needed. */
  private get prose(): string {
    return (this.proseText ??= blankedOutside(this.scan.text, this.scan.mask));
  }

  /** The prose with the quotations' words blanked: where people are named. */
  private get names(): string {
    if (this.namesText === undefined) {
      const prose = this.prose;
      const named: string[] = [];
      let at = 0;
      for (const q of this.scan.quotations) {
        if (q.inner.start < at) continue;
        named.push(prose.slice(at, q.inner.start), blank(prose, q.inner.start, q.inner.end));
        at = q.inner.end;
      }
      named.push(prose.slice(at));
      this.namesText = named.join('');
    }
    return this.namesText;
  }

  attribution(qi: number): Attribution | undefined {
    if (this.found.has(qi)) {
      this.mergeReads(this.readsOf.get(qi));
      return this.found.get(qi);
    }
    this.found.set(qi, undefined);
    this.current = qi;
    const reads: AttributionReads = { from: this.scan.quotations[qi].outer.start, midSentence: new Map() };
    this.reading.push(reads);
    const a = this.compute(qi);
    this.reading.pop();
    this.readsOf.set(qi, reads);
    this.mergeReads(reads);
    this.found.set(qi, a);
    return a;
  }

  /** What finding quotation `qi`'s speaker read (after `attribution(qi)`). */
  reads(qi: number): AttributionReads | undefined {
    return this.readsOf.get(qi);
  }

  /** Whether the draft writes `name` with a capital mid-sentence somewhere ("[a-z,;] Name"): a name, not a sentence's first word. */
  writtenMidSentence(name: string): boolean {
    let known = this.midSentence.get(name);
    if (known === undefined) {
      const re = new RegExp(`[a-z,;]\\s+${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
      known = re.test(this.prose);
      this.midSentence.set(name, known);
    }
    return known;
  }

  /** An earlier attribution's reads count as the current one's (a pronoun's speaker depends on them). */
  private mergeReads(reads: AttributionReads | undefined): void {
    const into = this.reading[this.reading.length - 1];
    if (!reads || !into) return;
    into.from = Math.min(into.from, reads.from);
    for (const [name, v] of reads.midSentence) into.midSentence.set(name, v);
  }

  private noteRead(from: number): void {
    const into = this.reading[this.reading.length - 1];
    if (into) into.from = Math.min(into.from, from);
  }

  private compute(qi: number): Attribution | undefined {
    const qs = this.scan.quotations;
    const q = qs[qi];
    const prose = this.prose;
    if (q.kind === 'block') {
      if (q.byline) {
        const words = wordsIn(prose, q.byline.span.start, q.byline.span.end);
        const run = leadingRun(words, prose);
        if (run) return runToName(run, prose);
      }
      // The paragraph before the block, ending with a colon: "Ash wrote in a note:".
      const before = this.scan.paragraphs.filter((p) => p.end <= q.paragraph.start).pop();
      if (before) this.noteRead(before.start);
      if (before && /:\s*$/.test(prose.slice(before.start, before.end))) {
        const r = this.fromBefore(before.start, before.end);
        if (r) return r;
      }
      return undefined;
    }
    const next = qs[qi + 1];
    const prev = qs[qi - 1];
    const afterEnd = Math.min(q.paragraph.end, next && next.outer.start >= q.outer.end ? next.outer.start : Infinity, q.outer.end + 200);
    const a = this.fromAfter(q.outer.end, afterEnd);
    if (a) return a;
    const beforeStart = Math.max(q.paragraph.start, prev && prev.outer.end <= q.outer.start ? prev.outer.end : -1, q.outer.start - 250);
    return this.fromBefore(beforeStart, q.outer.start);
  }

  private fromAfter(start: number, end: number): Attribution | undefined {
    this.noteRead(start);
    const prose = this.prose;
    let win = prose.slice(start, end);
    // Only the clause that follows the closing mark: up to the end of the sentence.
    const stop = /[.!?;](?:\s|$)|\n\s*\n/.exec(win.replace(/^[\s,.;:!?—–-]+/, (m) => ' '.repeat(m.length)));
    if (stop) win = win.slice(0, stop.index + 1);
    const acc = /^[\s,.;:—–-]*according to\s+/i.exec(win);
    if (acc) {
      const run = leadingRun(wordsIn(prose, start + acc[0].length, start + win.length), prose);
      return run ? runToName(run, prose) : undefined;
    }
    const inv = INVERTED_RE.exec(win);
    if (inv) {
      const rest = win.slice(inv[0].length);
      const clause = /^[^,.;:!?()]*/.exec(rest)![0];
      const from = start + inv[0].length;
      const words = wordsIn(prose, from, from + clause.length);
      if (words.length && /^(?:he|she)$/i.test(words[0].text)) return this.resolvePronoun({ start: words[0].start, end: words[0].end });
      const run = leadingRun(words, prose);
      return run ? runToName(run, prose) : undefined;
    }
    VERB_RE.lastIndex = 0;
    const v = VERB_RE.exec(win);
    if (!v || v.index > 160) return undefined;
    const lead = /^[\s,.;:!?—–-]*/.exec(win)![0].length;
    const subj = subjectBefore(prose, start + lead, start + v.index);
    if (!subj) return undefined;
    if (subj.pronoun) return this.resolvePronoun(subj.pronoun);
    if (subj.name && this.plausible(subj.name.name, !!subj.sentenceInitial)) return subj.name;
    return undefined;
  }

  private fromBefore(start: number, end: number): Attribution | undefined {
    this.noteRead(start);
    const prose = this.prose;
    let win = prose.slice(start, end);
    // Only the current sentence.
    const boundary = /(?<!\b(?:\p{Lu}|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Prof|vs))[.!?]["”’)]?\s+(?=["“‘(]?\p{Lu})|\n\s*\n/gu;
    let cut = 0;
    for (let m = boundary.exec(win); m; m = boundary.exec(win)) cut = m.index + m[0].length;
    const from = start + cut;
    win = win.slice(cut);
    // "X: “…”" (the name, perhaps after a short descriptor, directly before the colon).
    if (/:\s*$/.test(win)) {
      const colon = from + win.lastIndexOf(':');
      const words = wordsIn(prose, from, colon);
      if (words.length && /^\s*$/.test(prose.slice(words[words.length - 1].end, colon))) {
        const run = trailingRun(words, prose);
        if (run) {
          const before = words.filter((w) => w.start < run[0].start);
          const hasVerb = before.some((w) => VERB_WORDS.has(w.text.toLowerCase()));
          const name = runToName(run, prose);
          if (!hasVerb && before.length <= 4 && this.plausible(name.name, before.length === 0)) return name;
        }
      }
    }
    const acc = /according to\s+([^,]*?),?\s*$/i.exec(win);
    if (acc) {
      const s = from + acc.index + acc[0].indexOf(acc[1]);
      const run = leadingRun(wordsIn(prose, s, s + acc[1].length), prose);
      if (run) return runToName(run, prose);
    }
    // The last speech verb of the sentence before the mark: "X said", "X told reporters that", "X called it".
    BEFORE_VERB_RE.lastIndex = 0;
    let last: RegExpExecArray | undefined;
    for (let m = BEFORE_VERB_RE.exec(win); m; m = BEFORE_VERB_RE.exec(win)) last = m;
    if (!last) return undefined;
    const between = win.slice(last.index + last[0].length);
    if (between.length > 120) return undefined;
    if (new RegExp(`^(?:${CALL_VERBS})$`).test(last[0]) && !/^\s+(?:it|this|that|them|him|her|the\s+\S+|an?\s+\S+)?[\s,:]*$/.test(between) && between.trim() !== '') return undefined;
    const subj = subjectBefore(prose, from, from + last.index);
    if (!subj) return undefined;
    if (subj.pronoun) return this.resolvePronoun(subj.pronoun);
    if (subj.name && this.plausible(subj.name.name, !!subj.sentenceInitial)) return subj.name;
    return undefined;
  }

  /** A one-word capitalised subject at the start of a sentence is a name only when it is known. */
  private plausible(name: string, sentenceInitial: boolean): boolean {
    if (!sentenceInitial || /\s/.test(name)) return true;
    if (this.persons.isPerson(name)) return true;
    // Written with a capital in mid-sentence elsewhere in the draft.
    const known = this.writtenMidSentence(name);
    this.reading[this.reading.length - 1]?.midSentence.set(name, known);
    return known;
  }

  /** "he said": the person named last before the pronoun (an earlier attribution or a known person's name). */
  private resolvePronoun(span: Span): Attribution | undefined {
    let best: { name: string; at: number } | undefined;
    const current = this.current;
    for (let k = current - 1; k >= 0; k--) {
      const q = this.scan.quotations[k];
      if (q.outer.end < span.start - 1500) break;
      if (q.outer.end > span.start) continue;
      const a = this.attribution(k);
      this.current = current;
      if (a && !a.pronoun && a.span.end <= span.start) {
        best = { name: a.name, at: a.span.start };
        break;
      }
    }
    const from = Math.max(0, span.start - 1500);
    this.noteRead(from);
    const words = wordsIn(this.names, from, span.start);
    // Runs of capitalised words that name a known person.
    for (let k = words.length - 1; k >= 0; k--) {
      if (best && words[k].start <= best.at) break;
      if (!isCap(words[k].text) || NOT_NAMES.has(words[k].text)) continue;
      let s = k;
      while (s > 0 && isCap(words[s - 1].text) && /^[ \t]*\n?[ \t]*$/.test(this.names.slice(words[s - 1].end, words[s].start)) && words[s - 1].end < words[s].start && !NOT_NAMES.has(words[s - 1].text)) s--;
      const run = trimTitles(words.slice(s, k + 1).filter((w) => !isPossessive(w.text) || w === words[k]));
      if (run) {
        const name = runToName(run, this.names).name.replace(/['’]s$/, '');
        if (this.persons.isPerson(name)) {
          best = { name, at: words[s].start };
          break;
        }
      }
      k = s;
    }
    if (!best) return undefined;
    return { name: best.name.replace(/\s+/g, ' '), span, pronoun: this.prose.slice(span.start, span.end) };
  }
}
