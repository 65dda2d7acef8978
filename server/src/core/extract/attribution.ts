import type { Entity, Quote, QuoteKind, SourceMeta, Span } from '../types';
import { Context, MASK, type EntityMention, type QuoteInfo } from './context';
import { INVERTING_VERBS, REPORTING_VERBS, VERB_FILLERS, WEAK_VERBS } from './cues';
import { finalKind } from './kind';
import { resolvePhrase, resolvePronoun, type Resolver } from './resolve';
import { startsWord } from '../entities/tokens';

/**
 * Gives each quote its speaker (canonical name from the entities) and its cue, in document order:
 * 1. a cue right after the quote ("…," he said / "…," said Tim Ash, senior … / "…," according to the communique);
 * 2. a cue right before it (Ms Hewitt said: "…");
 * 3. the quote continues the previous one — split by an attribution ("…," Blinken continued. "…") or over
 *    paragraphs — and shares its speaker and group;
 * 4. a reporting verb elsewhere in the sentence (Peskov said the group had been "rather low");
 * 5. for statements with no cue at all, the speaker the context is about (the subject of the previous sentence,
 *    the speaker of the previous paragraph).
 * Pronouns and role nouns ("he", "the Kremlin aide", "the communique") are resolved by `resolve.ts`.
 * Also settles each quote's kind. Never throws: on an internal error the quotes come back unattributed.
 */
export function attributeQuotes(text: string, bodyStart: number, meta: SourceMeta, quotes: Quote[], entities: Entity[], paragraphs?: Span[]): Quote[] {
  const base: Quote[] = [];
  for (const q of quotes) base.push({ ...q, sourceId: meta.id });
  if (!base.length) return base;
  try {
    return attribute(text, bodyStart, base, entities, paragraphs);
  } catch {
    return base;
  }
}

/** Verbs trusted when they stand away from the quote (nouns like "reports", "claims", "calls" are not). */
const EMBED_VERBS = new Set([
  'said', 'says', 'told', 'tells', 'added', 'adds', 'stressed', 'stresses', 'emphasised', 'emphasized', 'warned', 'warns',
  'insisted', 'insists', 'wrote', 'writes', 'explained', 'explains', 'argued', 'argues', 'claimed', 'noted', 'stated',
  'declared', 'announced', 'admitted', 'admits', 'asked', 'replied', 'responded', 'commented', 'remarked', 'recalled',
  'suggested', 'suggests', 'acknowledged', 'concluded', 'predicted', 'predicts', 'urged', 'urges', 'confirmed', 'conceded',
  'maintained', 'maintains', 'observed', 'tweeted', 'complained', 'revealed', 'promised', 'vowed', 'cautioned', 'reiterated',
  'believes', 'believed', 'thinks', 'described', 'describes', 'called', 'branded', 'dubbed', 'labelled', 'labeled',
  'saying', 'telling', 'adding', 'insisting', 'warning', 'arguing', 'describing', 'calling', 'stressing', 'claiming',
  'explaining', 'asking', 'urging', 'accused', 'accusing', 'hailed', 'praised', 'criticised', 'criticized',
  'demanded', 'pledged', 'promising', 'vowing', 'declaring', 'announcing', 'agreed', 'thought', 'felt', 'feels',
]);

const PASSIVE_AUX = new Set(['was', 'were', 'been', 'be', 'is', 'are', 'being']);
const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-.]*/gu;

export interface Word {
  w: string;
  start: number;
  end: number;
}

interface Cue {
  speaker: string | null;
  span: Span;
  adjacent: boolean;
}

/** WORD_RE anchored at lastIndex: where a word that starts there ends. */
const WORD_AT = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-.]*/uy;

/**
 * The words of `s` (WORD_RE's matches, trailing dots dropped), at `offset` + their index. Word starts are found by
 * char code and only the word's end by the anchored pattern (test, not exec): a match array per word was the
 * largest garbage of attribution. At a surrogate WORD_RE itself searches on from there, as before.
 */
export function wordsIn(s: string, offset: number): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    let start = i;
    if (c >= 0xd800 && c <= 0xdfff) {
      WORD_RE.lastIndex = i;
      const m = WORD_RE.exec(s);
      if (m === null) break;
      start = m.index;
    } else if (!startsWord(c)) {
      i++;
      continue;
    }
    WORD_AT.lastIndex = start;
    WORD_AT.test(s);
    i = WORD_AT.lastIndex;
    let w = s.slice(start, i);
    // trailing dots dropped; the replace only when there is one (most words have none)
    if (w.charCodeAt(w.length - 1) === 46) w = w.replace(/[.]+$/, '');
    if (!w) continue;
    out.push({ w, start: offset + start, end: offset + start + w.length });
  }
  return out;
}

/**
 * The words of one region of the masked text, read once per quote: the adjacent cue is looked for first and a cue
 * anywhere in the sentence after it, over the same regions (afterCue and beforeCue each read theirs twice).
 * Keyed by the region's offsets; the masked text is the same for every quote of a source.
 */
class RegionWords {
  private from = -1;
  private to = -1;
  private words: Word[] = [];

  get(region: string, from: number): Word[] {
    if (from !== this.from || from + region.length !== this.to) {
      this.words = wordsIn(region, from);
      this.from = from;
      this.to = from + region.length;
    }
    return this.words;
  }
}

function attribute(text: string, bodyStart: number, quotes: Quote[], entities: Entity[], paragraphs: Span[] | undefined): Quote[] {
  const ctx = new Context(text, bodyStart, quotes, entities, paragraphs);
  const infos = ctx.infos;
  const adjacent = new Array<boolean>(infos.length).fill(false);
  const resolver: Resolver = { ctx, infos, speakerOf: (i) => infos[i].q.speaker };
  const afterWords = new RegionWords();
  const beforeWords = new RegionWords();
  let nextGroup = 1;
  for (const q of quotes) nextGroup = Math.max(nextGroup, 1 + (q.group ?? 0));

  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    const q = info.q;
    const si = ctx.sentenceIndexAt(info.outer.start);
    const sent = ctx.sentences[si] ?? { start: info.outer.start, end: info.outer.end };
    const sentEnd = Math.max(sent.end, info.outer.end);
    const prev = i > 0 && infos[i - 1].para === info.para ? infos[i - 1] : undefined;

    // 1. cue right after
    let cue = afterCue(ctx, resolver, info, sentEnd, true, afterWords);
    // 2. cue right before
    if (!cue?.speaker) cue = beforeCue(ctx, resolver, info, sent.start, true, beforeWords) ?? cue;
    // 3. continuation of the previous quote
    if (!cue?.speaker) {
      const cont = continuation(ctx, info, i, prev, infos);
      if (cont !== undefined) {
        const src = infos[cont].q;
        if (src.speaker) {
          q.speaker = src.speaker;
          if (src.cue) q.cue = src.cue;
          if (src.group === undefined) src.group = nextGroup++;
          q.group = src.group;
          adjacent[i] = adjacent[cont];
          continue;
        }
      }
    }
    // 4. a reporting verb elsewhere in the sentence
    if (!cue?.speaker) {
      const after = afterCue(ctx, resolver, info, sentEnd, false, afterWords);
      const before = beforeCue(ctx, resolver, info, sent.start, false, beforeWords);
      cue = (after?.speaker && (!before?.speaker || after.span.start - info.outer.end < 60) ? after : before?.speaker ? before : after) ?? cue;
    }
    if (cue?.speaker) {
      q.speaker = cue.speaker;
      q.cue = cue.span;
      adjacent[i] = cue.adjacent;
      continue;
    }
    if (cue) adjacent[i] = cue.adjacent;
    // 5. statements with no cue: who the context is about
    if (q.kind === 'statement' || (q.group !== undefined && q.text.split(/\s+/).length >= 3)) {
      const who = contextSpeaker(ctx, resolver, info, si, i);
      if (who) q.speaker = who;
    }
  }

  // kinds: statements spread over their groups
  const groupHasStatement = new Set<number>();
  const kinds: QuoteKind[] = [];
  for (let i = 0; i < infos.length; i++) {
    kinds.push(finalKind(infos[i].q.text, { adjacentCue: adjacent[i], attributed: infos[i].q.speaker !== null, inStatementGroup: false }));
  }
  infos.forEach((info, i) => {
    if (kinds[i] === 'statement' && info.q.group !== undefined) groupHasStatement.add(info.q.group);
  });
  infos.forEach((info, i) => {
    const inGroup = info.q.group !== undefined && groupHasStatement.has(info.q.group);
    info.q.kind = inGroup ? finalKind(info.q.text, { adjacentCue: adjacent[i], attributed: info.q.speaker !== null, inStatementGroup: true }) : kinds[i];
  });
  return quotes;
}

/** A cue after the quote: inversion ("said Tim Ash"), subject + verb ("Blinken told"), "according to X". */
function afterCue(ctx: Context, r: Resolver, info: QuoteInfo, sentEnd: number, adjacentOnly: boolean, memo: RegionWords): Cue | undefined {
  const from = info.outer.end;
  const region = ctx.masked.slice(from, sentEnd);
  const stop = region.indexOf(MASK);
  const upto = stop < 0 ? region : region.slice(0, stop);
  const lead = /^[\s,;:—–-]*/.exec(upto)![0].length;
  if (lead === upto.length) return undefined;
  const words = memo.get(upto, from);
  if (!words.length) return undefined;
  const innerEnd = info.q.text.trimEnd().slice(-1);
  const punctEnd = /[,?!…—–\-.]/.test(innerEnd) || /^\s*[,—–]/.test(upto);
  const w0 = words[0].w.toLowerCase();

  // "…," said Tim Ash, senior … / "…," according to the communique
  if ((INVERTING_VERBS.has(w0) && words[0].w === w0) || (w0 === 'according' && words[1]?.w === 'to')) {
    const verbEnd = w0 === 'according' ? words[1].end : words[0].end;
    const phraseEnd = clauseEnd(ctx.masked, verbEnd, from + upto.length);
    const speaker = resolvePhrase(r, { start: verbEnd, end: phraseEnd }, info, 'after-verb');
    if (!speaker && adjacentOnly && w0 !== 'according') {
      // "…," said the spokesman: unresolved, but still a cue
      return { speaker: null, span: { start: words[0].start, end: phraseEnd }, adjacent: punctEnd };
    }
    return { speaker, span: { start: words[0].start, end: phraseEnd }, adjacent: punctEnd };
  }

  // subject + verb: the first reporting verb within reach
  const maxWords = adjacentOnly ? 12 : 30;
  for (let k = 0; k < Math.min(words.length, maxWords + 1); k++) {
    const w = words[k].w;
    if (w !== w.toLowerCase()) continue;
    const verbOk = adjacentOnly ? REPORTING_VERBS.has(w) && (!WEAK_VERBS.has(w) || k <= 6) : EMBED_VERBS.has(w);
    if (!verbOk) continue;
    if (k === 0) break; // a verb with no subject after the quote ("…" added to the list)
    if (k > 0 && PASSIVE_AUX.has(words[k - 1].w.toLowerCase()) && w !== 'saying') continue;
    if (notAVerbHere(ctx.masked, words, k)) continue;
    // a subject phrase that is a relative clause or ends with a conjunction is not this verb's subject
    // the subject: the words before the verb, fillers dropped
    let e = k;
    while (e > 0 && VERB_FILLERS.has(words[e - 1].w.toLowerCase())) e--;
    if (e === 0) break;
    if (/^(and|but|or|then)$/i.test(words[e - 1].w)) return undefined;
    let b = 0;
    if (/^(that|which|who|when|where|because|if|as|and|but|or|for|to|in|of|with|on|at|from|by|while|after|before|than|so)$/i.test(words[0].w)) {
      // "… that would harm athletes, Liu Mingche, counsellor …, said": the subject follows the clause's comma
      const comma = ctx.masked.slice(words[0].start, words[e - 1].end).indexOf(',');
      if (comma < 0) return undefined;
      while (b < e && words[b].start < words[0].start + comma) b++;
      if (b >= e) return undefined;
    }
    const subj: Span = { start: words[b].start, end: words[e - 1].end };
    const isAdjacent = punctEnd && e <= 10 && !/[.;]/.test(ctx.masked.slice(from, subj.start));
    if (adjacentOnly && !isAdjacent) return undefined;
    const speaker = resolvePhrase(r, subj, info, 'before-verb');
    return { speaker, span: { start: subj.start, end: words[k].end }, adjacent: isAdjacent };
  }
  return undefined;
}

/** A cue before the quote: "Ms Hewitt said: "…"", "He added: "…"", or a verb earlier in the sentence. */
function beforeCue(ctx: Context, r: Resolver, info: QuoteInfo, sentStart: number, adjacentOnly: boolean, memo: RegionWords): Cue | undefined {
  const to = info.outer.start;
  const region = ctx.masked.slice(sentStart, to);
  const words = memo.get(region, sentStart);
  if (!words.length) return undefined;
  const tail = region.replace(/\s+$/, '');
  const introduced = /[:,]$/.test(tail) || /[—–-]$/.test(tail);

  // special cues: "In his opinion, …", "according to him / to the communique, …"
  const opinion = /\b(?:[Ii]n|[Bb]y) (his|her|their) (?:opinion|view|words|estimation|account)\b[^.]*$/.exec(region);
  if (opinion) {
    const at = sentStart + opinion.index;
    const speaker = resolvePronoun(r, at, opinion[1] === 'her' ? 'f' : opinion[1] === 'his' ? 'm' : undefined, info);
    if (speaker) return { speaker, span: { start: at, end: at + opinion[0].indexOf(',') > at ? at + opinion[0].length : at + opinion[0].length }, adjacent: false };
  }
  const accord = /\b[Aa]ccording to ([^,]{1,80}),\s*[^,]*$/.exec(region);
  if (accord) {
    const start = sentStart + accord.index + accord[0].indexOf(accord[1]);
    const speaker = resolvePhrase(r, { start, end: start + accord[1].length }, info, 'after-verb');
    if (speaker) return { speaker, span: { start: sentStart + accord.index, end: start + accord[1].length }, adjacent: false };
  }

  // the last reporting verb before the quote
  for (let k = words.length - 1; k >= 0; k--) {
    const w = words[k].w;
    if (w !== w.toLowerCase()) continue;
    const tailWords = words.length - 1 - k;
    const near = introduced ? tailWords <= 8 : tailWords === 0;
    const verbOk = near ? REPORTING_VERBS.has(w) && (!WEAK_VERBS.has(w) || tailWords <= 1 || w === 'saying' || w === 'telling') : EMBED_VERBS.has(w);
    if (!verbOk) continue;
    if (adjacentOnly && !near) return undefined;
    if (k > 0 && PASSIVE_AUX.has(words[k - 1].w.toLowerCase()) && !/^(quoted)$/.test(words[k - 1].w)) continue;
    if (notAVerbHere(ctx.masked, words, k)) continue;
    // a subject between the clause start (sentence start or the previous quote) and the verb
    let e = k;
    while (e > 0 && VERB_FILLERS.has(words[e - 1].w.toLowerCase())) e--;
    const clauseStart = Math.max(sentStart, ctx.masked.lastIndexOf(MASK, words[k].start) + 1);
    const subj: Span = { start: clauseStart, end: e > 0 ? words[e - 1].end : clauseStart };
    let speaker: string | null = null;
    const coordinated = e > 0 && /^(and|but|or|then)$/i.test(words[e - 1].w);
    if (/ing$/.test(w) || coordinated) speaker = participleSubject(ctx, r, info, sentStart, words[k].start);
    if (coordinated) return { speaker, span: { start: words[k].start, end: words[k].end }, adjacent: near };
    if (!speaker && subj.end > subj.start) speaker = resolvePhrase(r, subj, info, 'before-verb');
    if (!speaker) speaker = sentenceSubject(ctx, r, info, sentStart, words[k].start);
    return { speaker, span: { start: subj.end > subj.start ? subj.start : words[k].start, end: words[k].end }, adjacent: near };
  }
  return undefined;
}

/** "Biden’s stated goal", "the said report": a verb form used as an adjective. */
function notAVerbHere(masked: string, words: Word[], k: number): boolean {
  if (k === 0) return false;
  const prev = words[k - 1];
  if (masked.slice(prev.end, words[k].start) !== ' ') return false;
  return /['’]s$/.test(prev.w) || /^(the|a|an|his|her|its|their|our|my|your)$/i.test(prev.w) || /['’]$/.test(masked.slice(prev.end - 1, prev.end + 1));
}

/** End of the speaker phrase after an inverted verb: up to a comma, a dash or the clause end. */
function clauseEnd(masked: string, from: number, limit: number): number {
  const s = masked.slice(from, limit);
  const m = /[.;:!?]\s|[.;:!?]$|\u0001/.exec(s);
  return from + (m ? m.index : s.length);
}

/** The subject of an "-ing" cue ("he told the court, saying …"): the earlier cue of the sentence, else its subject. */
function participleSubject(ctx: Context, r: Resolver, info: QuoteInfo, sentStart: number, verbAt: number): string | null {
  for (let j = r.infos.indexOf(info) - 1; j >= 0; j--) {
    const o = r.infos[j];
    if (o.outer.start < sentStart) break;
    if (o.q.speaker && (o.q.cue?.start ?? Infinity) < verbAt) return o.q.speaker;
  }
  return sentenceSubject(ctx, r, info, sentStart, verbAt);
}

/** The first person (or organisation) named in the sentence before `limit`, outside quotes; pronouns resolved. */
export function sentenceSubject(ctx: Context, r: Resolver, info: QuoteInfo, sentStart: number, limit: number): string | null {
  const pro = /\b(he|she|He|She)\b/.exec(ctx.masked.slice(sentStart, limit));
  const ms = ctx.mentionsIn(sentStart, limit).filter((m: EntityMention) => m.entity.type === 'person');
  if (pro && (!ms.length || sentStart + pro.index < ms[0].start)) return resolvePronoun(r, sentStart + pro.index, pro[1].toLowerCase() === 'she' ? 'f' : 'm', info);
  if (ms.length) return ms[0].entity.name;
  return null;
}

/**
 * The quote continues an earlier one: the next paragraph of a multi-paragraph quote, or the second half of a
 * quote split by its attribution ("…," Blinken continued. "…") with nothing else between.
 */
/** How many paragraphs back the earlier piece of a split quote may stand. */
const GROUP_REACH = 50;

function continuation(ctx: Context, info: QuoteInfo, i: number, prev: QuoteInfo | undefined, infos: QuoteInfo[]): number | undefined {
  const q = info.q;
  if (q.group !== undefined) {
    // A group's pieces are close together; looking back through every earlier quote was quadratic in a long source.
    for (let j = i - 1; j >= 0 && infos[j].para >= info.para - GROUP_REACH; j--) if (infos[j].q.group === q.group) return j;
  }
  if (!prev || !prev.q.speaker) return undefined;
  const between = ctx.masked.slice(prev.outer.end, info.outer.start);
  if (between.includes(MASK)) return undefined;
  if (!/^\s*$/.test(between)) {
    // only the previous quote's own cue may stand between ("," Blinken told the press, but added a stinger. ")
    const cue = prev.q.cue;
    if (!cue || cue.start < prev.outer.end || cue.start - prev.outer.end > 4) return undefined;
    const rest = ctx.masked.slice(cue.end, info.outer.start);
    if (!/[.,:;—–-]\s*$/.test(rest) && !/^\s*$/.test(rest)) return undefined;
    if (rest.length > 120) return undefined;
    // another person named in the rest means a new speaker
    if (ctx.mentionsIn(cue.end, info.outer.start).some((m) => m.entity.type === 'person' && m.entity.name !== prev.q.speaker)) return undefined;
    if (/\b(?:he|she|they|it)\s+\w+\s*[:,]?\s*$/i.test(rest) && !/[.]\s*$/.test(rest)) return undefined;
  }
  return i - 1;
}

/** No cue at all: the person the text is about (previous sentence's subject, or the last speaker nearby). */
function contextSpeaker(ctx: Context, r: Resolver, info: QuoteInfo, si: number, i: number): string | null {
  const sent = ctx.sentences[si];
  // the previous sentence in the same paragraph, or the last one of the previous paragraph
  const prevSent = si > 0 ? ctx.sentences[si - 1] : undefined;
  const para = ctx.paragraphs[info.para];
  const prevPara = info.para > 0 ? ctx.paragraphs[info.para - 1] : undefined;
  if (prevSent && (prevSent.start >= para.start || (prevPara && prevSent.start >= prevPara.start && sent.start === para.start))) {
    // an attributed quote in that sentence speaks for it
    for (let j = i - 1; j >= 0; j--) {
      const o = r.infos[j];
      if (o.outer.start < prevSent.start) break;
      if (o.outer.start < prevSent.end && o.q.speaker && o.q.kind === 'statement') return o.q.speaker;
    }
    const subj = sentenceSubject(ctx, r, info, prevSent.start, prevSent.end);
    if (subj && hasReportingFlavour(ctx.masked.slice(prevSent.start, prevSent.end))) return subj;
  }
  // the last statement speaker in this paragraph or the previous one
  for (let j = i - 1; j >= 0; j--) {
    const o = r.infos[j];
    if (o.para < info.para - 1) break;
    if (o.q.speaker && o.q.kind === 'statement') return o.q.speaker;
  }
  return null;
}

function hasReportingFlavour(s: string): boolean {
  for (const w of s.toLowerCase().match(/[a-z]+/g) ?? []) if (REPORTING_VERBS.has(w) || /^(defended|believes|hopes|feels|wants|added)$/.test(w)) return true;
  return false;
}
