// Checks every quotation of a draft against the sources: misquotes, wrong speakers, quotations from
// nowhere and unknown citation keys, each with what is wrong, the source wording beside the draft's,
// the source location and fixes as text edits. Pure: text and index in, plain data out.
import type { SourceIndex } from '../index/sourceIndex';
import { PassageIndex } from '../index/passageIndex';
import type { Quote, Severity, Span } from '../types';
import type { CheckOptions, CheckResult, DraftQuotation, Finding, FindingCode, Fix, SourceRef } from './types';
import { scanDraft, citationFor, type Citation, type DraftScan, type RawQuotation } from './draft';
import { DraftAttributor, type Attribution } from './attribution';
import { SpeakerMatcher } from './speakers';
import { quotationWords, type QuotationWords } from './words';
import { alignedMatch, exactMatches, EXACT_HIT_LIMIT, MARKED_HIT_LIMIT, type MatchOptions, type PassageMatch } from './match';
import { alignedMatchMemo, exactMatchesMemo } from './matchMemo';
import { contextWindow, outcomeKey, outsideReads, recallOutcome, rememberOutcome, type QuotationOutcome } from './outcomeMemo';
import { classifyHunk, hunksOf, type Flip, type Hunk } from './align';

/** Quotations shorter than this are not aligned (a short phrase matches too much by chance). */
const MIN_ALIGN_WORDS = 4;
/** Quotations shorter than this are never given to a wrong speaker (scare quotes, titles). */
const MIN_SPEAKER_WORDS = 3;

interface PassageSpeaker {
  /** The speaker to show: the quote's speaker, or the outlet/author for narrative. */
  speaker: string | null;
  /** Every name that counts as this passage's speaker (author and outlet for narrative). */
  names: string[];
  quote?: Quote;
  narrative: boolean;
}

/**
 * Checks every quotation of `text`. A quotation whose inputs are as they were in an earlier check against the same
 * index version (its words, the sentences around it that name its speaker, its citation, the settings) takes that
 * check's outcome, moved to where it is now (outcomeMemo.ts): a keystroke checks again only what it changed.
 * `options.remember: false` checks everything afresh and remembers nothing (tests compare the two).
 */
export function checkDraft(text: string, index: SourceIndex, options: CheckOptions = {}): CheckResult {
  const remember = options.remember !== false;
  const pidx = PassageIndex.for(index);
  const speakers = SpeakerMatcher.for(index);
  const scan = scanDraft(text);
  let attributor: DraftAttributor | undefined;
  const attributorNow = () => (attributor ??= new DraftAttributor(scan, speakers));
  const judge = new QuotationJudge(text, scan, pidx, speakers, attributorNow, options.minUnverifiedWords ?? 5, remember);
  const settings = `${options.minUnverifiedWords ?? 5}`;
  const findings: Finding[] = [];
  const quotations: DraftQuotation[] = [];
  const citationsDone = new Set<number>();
  const emit = (f: Finding) => {
    const override = options.severity?.[f.code];
    if (override === 'off') return;
    findings.push(override ? { ...f, severity: override } : f);
  };

  for (let qi = 0; qi < scan.quotations.length; qi++) {
    const citation = citationFor(scan, scan.quotations[qi], scan.quotations[qi + 1]);
    let outcome: QuotationOutcome | undefined;
    if (remember) {
      const win = contextWindow(scan, qi, citation);
      const key = outcomeKey(scan, qi, citation, win, settings);
      outcome = recallOutcome(pidx, key, scan, qi, win, (name) => attributorNow().writtenMidSentence(name));
      if (!outcome) {
        outcome = judge.check(qi, citation);
        const reads = attributor?.reads(qi);
        rememberOutcome(pidx, key, win, outcome, outsideReads(scan, qi, win, reads?.from ?? win.start, reads?.midSentence ?? new Map()));
      }
    } else outcome = judge.check(qi, citation);
    if (!outcome.quotation) continue;
    quotations.push(outcome.quotation);
    // A citation shared by several quotations has its unknown keys reported once, by the first.
    if (citation && outcome.unknownKeys.length && !citationsDone.has(citation.span.start)) {
      citationsDone.add(citation.span.start);
      outcome.unknownKeys.forEach(emit);
    }
    outcome.findings.forEach(emit);
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { quotations, findings };
}

/** Checks one quotation at a time against the sources; what it finds does not depend on the other quotations. */
class QuotationJudge {
  constructor(
    private readonly text: string,
    private readonly scan: DraftScan,
    private readonly pidx: PassageIndex,
    private readonly speakers: SpeakerMatcher,
    private readonly attributor: () => DraftAttributor,
    private readonly minWords: number,
    private readonly remember: boolean,
  ) {}

  private speakerOf(doc: number, from: number, to: number): PassageSpeaker {
    const quote = this.pidx.quoteAt(doc, from, to);
    if (quote) return { speaker: quote.speaker, names: quote.speaker ? [quote.speaker] : [], quote, narrative: false };
    const d = this.pidx.docs[doc];
    const src = d.source;
    const s = d.starts[from];
    const paraStart = src.text.lastIndexOf('\n', s) + 1;
    const marks = (src.text.slice(paraStart, s).match(/["“”„]/g) ?? []).length;
    if (marks % 2 === 1) return { speaker: null, names: [], narrative: false };
    const names = [src.meta.author, src.meta.outlet].filter((x): x is string => !!x);
    return { speaker: names[0] ?? null, names, narrative: true };
  }

  private sourceRef(doc: number, from: number, to: number, sp: PassageSpeaker): SourceRef {
    const d = this.pidx.docs[doc];
    return {
      path: d.source.path,
      sourceId: d.source.meta.id,
      speaker: sp.speaker,
      span: { start: d.starts[from], end: d.ends[to - 1] },
      ...(sp.quote ? { quoteId: sp.quote.id } : {}),
      ...(sp.narrative ? { narrative: true } : {}),
    };
  }

  /** true = same, false = a named, different speaker, undefined = cannot tell. */
  private speakerVerdict(attr: Attribution | undefined, sp: PassageSpeaker): boolean | undefined {
    if (!attr || sp.names.length === 0) return undefined;
    let anyFalse = false;
    for (const name of sp.names) {
      const v = this.speakers.same(attr.name, name);
      if (v === true) return true;
      if (v === false) anyFalse = true;
    }
    return anyFalse ? false : undefined;
  }

  private exactMatches(words: QuotationWords, opts: MatchOptions): PassageMatch[] {
    return this.remember ? exactMatchesMemo(this.pidx, words, opts) : exactMatches(this.pidx, words, opts);
  }

  private alignedMatch(words: QuotationWords, opts: MatchOptions, preferKey: string): PassageMatch | undefined {
    return this.remember ? alignedMatchMemo(this.pidx, words, opts, preferKey) : alignedMatch(this.pidx, words, opts);
  }

  check(qi: number, citation: Citation | undefined): QuotationOutcome {
    const { text, scan, pidx, minWords } = this;
    const findings: Finding[] = [];
    const unknownKeyFindings: Finding[] = [];
    const raw = scan.quotations[qi];
    const words = quotationWords(text, scan.mask, raw.inner);
    if (words.all.length === 0) return { findings, unknownKeys: unknownKeyFindings };
    let docs: Set<number> | undefined;
    const unknownKeys: Array<{ key: string; span: Span }> = [];
    if (citation) {
      const known = new Set<number>();
      for (const k of citation.keys) {
        const d = pidx.docIndex(k.key);
        if (d === undefined) unknownKeys.push(k);
        else known.add(d);
      }
      if (known.size) docs = known;
    }
    const attr = this.attributor().attribution(qi);
    const dq: DraftQuotation = {
      text: text.slice(raw.inner.start, raw.inner.end),
      span: raw.inner,
      outer: raw.outer,
      status: 'unverified',
      ...(attr ? { attributedTo: { name: attr.pronoun ?? attr.name, span: attr.span, ...(attr.pronoun ? { resolved: attr.name } : {}) } } : {}),
      ...(citation ? { citation: { key: citation.keys[0].key, span: citation.keys[0].span } } : {}),
    };
    const done = (): QuotationOutcome => ({ quotation: dq, findings, unknownKeys: unknownKeyFindings });
    const nWords = words.all.length;

    // Tiers 1 and 2.
    // Matches are remembered per index version: a quotation whose words changed searches again only when they are new.
    let matches = this.exactMatches(words, { docs, minAlignWords: MIN_ALIGN_WORDS });
    let elsewhere: PassageMatch | undefined;
    if (matches.length === 0 && docs) {
      const anywhere = this.exactMatches(words, { minAlignWords: MIN_ALIGN_WORDS });
      elsewhere = anywhere[0];
    }
    let chosen: PassageMatch | undefined;
    let sp: PassageSpeaker | undefined;
    if (matches.length) {
      let bestScore = -1;
      for (const m of matches) {
        const s = this.speakerOf(m.doc, m.from, m.to);
        const v = this.speakerVerdict(attr, s);
        const score = v === true ? 4 : v === undefined ? (s.speaker && !s.narrative ? 3 : s.quote ? 2 : 1) : 0;
        if (score > bestScore) {
          bestScore = score;
          chosen = m;
          sp = s;
        }
      }
    } else if (!elsewhere) {
      // Tier 3. Between near candidates, the one whose speaker is the draft's wins.
      const prefer = attr
        ? (doc: number, from: number, to: number) => (this.speakerVerdict(attr, this.speakerOf(doc, from, Math.max(from + 1, to))) === true ? 1 : 0)
        : undefined;
      const aligned = this.alignedMatch(words, { docs, minAlignWords: MIN_ALIGN_WORDS, prefer }, attr?.name ?? '');
      if (aligned) {
        chosen = aligned;
        sp = this.speakerOf(aligned.doc, aligned.from, aligned.to);
        matches = [aligned];
      }
    }

    // Unknown citation keys.
    if (citation && unknownKeys.length) for (const k of unknownKeys) unknownKeyFindings.push(unknownSourceFinding(k, pidx, chosen ?? elsewhere));

    if (!chosen || !sp) {
      if (elsewhere) {
        const esp = this.speakerOf(elsewhere.doc, elsewhere.from, elsewhere.to);
        dq.match = this.sourceRef(elsewhere.doc, elsewhere.from, elsewhere.to, esp);
        dq.status = nWords < minWords ? 'short' : 'unverified';
        if (nWords >= minWords) findings.push(wrongCitationFinding(raw, citation!, pidx, elsewhere, dq.match));
        return done();
      }
      dq.status = nWords < minWords ? 'short' : 'unverified';
      if (nWords >= minWords) {
        const where = docs ? ` in ${[...docs].map((d) => pidx.docs[d].source.meta.id).join(', ')}` : '';
        findings.push({
          code: 'unverified-quote',
          severity: 'warning',
          message: `Unverified quotation: no source${where ? ' cited' : ''} has these ${nWords} words${where}. Check the wording, or add its source.`,
          span: raw.inner,
          fixes: [],
        });
      }
      return done();
    }

    const ref = this.sourceRef(chosen.doc, chosen.from, chosen.to, sp);
    dq.match = ref;
    dq.status = 'verified';
    if (chosen.tier === 'aligned') {
      const f = misquoteFinding(text, raw, words, chosen, ref, sp, pidx);
      if (f) {
        dq.status = 'misquote';
        findings.push(f);
      }
    }
    // A wrong speaker only when the passages these words could be agree on who spoke them.
    const settled =
      chosen.tier === 'aligned' ||
      (matches.filter((m) => m.tier === 'exact').length < EXACT_HIT_LIMIT &&
        matches.filter((m) => m.tier !== 'exact').length < MARKED_HIT_LIMIT &&
        matches.every((m) => this.speakerVerdict(attr, this.speakerOf(m.doc, m.from, m.to)) === false));
    if (attr && nWords >= MIN_SPEAKER_WORDS && settled && this.speakers.canBeSpeaker(attr.name) && this.speakerVerdict(attr, sp) === false) {
      if (dq.status === 'verified') dq.status = 'wrong-speaker';
      findings.push(wrongSpeakerFinding(attr, sp, ref, pidx.docs[chosen.doc].source.meta.id));
    }
    return done();
  }
}

function quotationText(text: string, raw: RawQuotation): string {
  const t = text.slice(raw.inner.start, raw.inner.end);
  return raw.kind === 'block' ? t.replace(/\r?\n(?: {0,3}>[ \t]?)*/g, '\n') : t;
}

/** Collapses white space for display. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function who(sp: PassageSpeaker, sourceId: string): string {
  if (sp.quote && sp.speaker) return `${sp.speaker} (${sourceId})`;
  if (sp.narrative) return `the text of ${sourceId}${sp.speaker ? ` (${sp.speaker})` : ''}`;
  return `an unattributed quotation in ${sourceId}`;
}

// ---------------------------------------------------------------------------------------------
// Misquotes

interface WriterStyle {
  apostrophe: string;
  openSingle: string;
  closeSingle: string;
  ellipsis: string;
}

function writerStyle(text: string, raw: RawQuotation): WriterStyle {
  const inner = text.slice(raw.inner.start, raw.inner.end);
  const curlyOuter = raw.kind === 'inline' ? text[raw.outer.start] !== '"' : /[“”’]/.test(inner) || !/['"]/.test(inner);
  const apostrophe = inner.includes('’') ? '’' : inner.includes("'") ? "'" : curlyOuter ? '’' : "'";
  return {
    apostrophe,
    openSingle: curlyOuter ? '‘' : "'",
    closeSingle: curlyOuter ? '’' : "'",
    ellipsis: inner.includes('...') && !inner.includes('…') ? '...' : '…',
  };
}

/** Source wording in the writer's style: inner double quotes become single, apostrophes the writer's. */
function inWriterStyle(s: string, style: WriterStyle): string {
  let out = '';
  const flat = s.replace(/\s+/g, ' ');
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i];
    const prev = i > 0 ? flat[i - 1] : ' ';
    const opening = /[\s([{—–-]/.test(prev);
    if (c === '“' || c === '„') out += style.openSingle;
    else if (c === '”') out += style.closeSingle;
    else if (c === '"') out += opening ? style.openSingle : style.closeSingle;
    else if (c === '‘') out += style.openSingle;
    else if (c === '’' || c === "'") {
      const letterBefore = /[\p{L}\p{N}]/u.test(prev);
      out += letterBefore ? style.apostrophe : opening ? style.openSingle : style.closeSingle;
    } else out += c;
  }
  return out;
}

function misquoteFinding(
  text: string,
  raw: RawQuotation,
  words: QuotationWords,
  m: PassageMatch,
  ref: SourceRef,
  sp: PassageSpeaker,
  pidx: PassageIndex,
): Finding | undefined {
  const al = m.alignment!;
  const hunks = hunksOf(al.ops);
  if (hunks.length === 0) return undefined;
  const d = pidx.docs[m.doc];
  const src = d.source.text;
  const w0 = m.windowFrom!;
  const sStart = (s: number) => d.starts[w0 + s];
  const sEnd = (s: number) => d.ends[w0 + s];
  const srcKey = (s: number) => pidx.keyOf(d.ids[w0 + s]);
  const style = writerStyle(text, raw);

  const flips = new Set<Flip>();
  const parts: string[] = [];
  for (const h of hunks) {
    const sk = h.s.map(srcKey);
    const dk = h.d.map((i) => words.pieces[i].key);
    const info = classifyHunk(
      sk,
      dk,
      h.s.map((s) => isProper(src, sStart(s), sEnd(s))),
      h.d.map((i) => isProper(text, words.pieces[i].start, words.pieces[i].end, raw.inner.start)),
    );
    info.flips.forEach((f) => flips.add(f));
    const sText = h.s.length ? oneLine(src.slice(sStart(h.s[0]), sEnd(h.s[h.s.length - 1]))) : '';
    const dText = h.d.length ? oneLine(text.slice(words.pieces[h.d[0]].start, words.pieces[h.d[h.d.length - 1]].end)) : '';
    if (info.kind === 'changed') parts.push(`the source has “${sText}” where the draft has “${dText}”`);
    else if (info.kind === 'reordered') parts.push(`“${sText}” is reordered as “${dText}”`);
    else if (info.kind === 'dropped') parts.push(`“${sText}” is left out without an ellipsis`);
    else if (h.d.length >= 2 && movedWords(pidx, m, h.d.map((i) => words.pieces[i].key))) parts.push(`“${dText}” is in the source, but elsewhere (reordered)`);
    else parts.push(`“${dText}” is not in the source`);
  }
  const shown = parts.slice(0, 3).join('; ') + (parts.length > 3 ? `; and ${parts.length - 3} more change${parts.length > 4 ? 's' : ''}` : '');
  const flipList = [...flips];
  const flipNames: Record<Flip, string> = { negation: 'a negation', number: 'a number', date: 'a date', name: 'a name' };
  const meaning = flipList.length ? ` This changes the meaning (${flipList.map((f) => flipNames[f]).join(', ')}).` : '';
  const message = `Misquote of ${who(sp, ref.sourceId)}: ${shown}.${meaning}`;

  // Words only left out: marking the omission is the first fix (quotations are trimmed on purpose),
  // restoring the words the second — unless the meaning changed.
  const fixes: Fix[] = [];
  if (hunks.every((h) => h.d.length === 0 && h.dPrev >= 0 && h.dNext >= 0)) {
    const edits = hunks.map((h) => ({ start: words.pieces[h.dPrev].end, end: words.pieces[h.dNext].start, newText: ` ${style.ellipsis} ` }));
    fixes.push(combine('Mark the omission with an ellipsis', text, edits));
  }
  const restore = restoreFix(text, raw, words, hunks, sStart, sEnd, src, style);
  // When the omission changes the meaning (a "not" left out), restoring comes first.
  if (restore) flipList.length ? fixes.unshift(restore) : fixes.push(restore);
  return {
    code: 'misquote',
    severity: flipList.length ? 'error' : 'warning',
    message,
    span: raw.inner,
    difference: { source: oneLine(src.slice(ref.span.start, ref.span.end)), draft: oneLine(quotationText(text, raw)) },
    source: ref,
    fixes,
  };
}

/** Whether the words occur together in the matched document near the passage (moved, not invented). */
function movedWords(pidx: PassageIndex, m: PassageMatch, keys: string[]): boolean {
  const ids = keys.map((k) => pidx.idOf(k));
  if (ids.some((id) => id < 0)) return false;
  return pidx.findInRange(m.doc, ids, m.from - 60, m.to + 60).length > 0;
}

/** A word is a proper name when capitalised and not the first of its sentence (or of the quotation). */
function isProper(text: string, start: number, end: number, quotationStart = -1): boolean {
  if (!/^\p{Lu}/u.test(text[start] ?? '')) return false;
  const word = text.slice(start, end);
  if (word === 'I' || /^I['’]/.test(word)) return false;
  let i = start - 1;
  while (i >= 0 && /[\s"“”‘’'(\[*_>]/.test(text[i])) {
    if (i < quotationStart) return false;
    i--;
  }
  if (i < 0 || i < quotationStart) return false;
  return !/[.!?:…]/.test(text[i]);
}

function restoreFix(
  text: string,
  raw: RawQuotation,
  words: QuotationWords,
  hunks: Hunk[],
  sStart: (s: number) => number,
  sEnd: (s: number) => number,
  src: string,
  style: WriterStyle,
): Fix | undefined {
  const P = words.pieces;
  const edits: Array<{ start: number; end: number; newText: string }> = [];
  for (const h of hunks) {
    const dFirst = h.d.length ? P[h.d[0]] : undefined;
    const dLast = h.d.length ? P[h.d[h.d.length - 1]] : undefined;
    const sFirst = h.s.length ? h.s[0] : -1;
    const sLast = h.s.length ? h.s[h.s.length - 1] : -1;
    let ds: number;
    let ss: number;
    if (h.dPrev >= 0) {
      ds = P[h.dPrev].end;
      ss = sEnd(h.sPrev);
    } else {
      ds = dFirst ? dFirst.start : h.dNext >= 0 ? P[h.dNext].start : raw.inner.end;
      ss = sFirst >= 0 ? sStart(sFirst) : h.sNext >= 0 ? sStart(h.sNext) : 0;
    }
    let de: number;
    let se: number;
    if (h.dNext >= 0) {
      de = P[h.dNext].start;
      se = sStart(h.sNext);
    } else {
      de = dLast ? dLast.end : ds;
      se = sLast >= 0 ? sEnd(sLast) : ss;
    }
    if (se < ss) se = ss;
    let newText = inWriterStyle(src.slice(ss, se), style);
    if (h.dPrev < 0 && dFirst && dFirst.start === P[0].start && newText) {
      // Keep the writer's first-letter case.
      const dc = text[dFirst.start];
      const nc = newText[0];
      if (dc !== dc.toLowerCase() && nc === nc.toLowerCase()) newText = nc.toUpperCase() + newText.slice(1);
      else if (dc !== dc.toUpperCase() && nc !== nc.toLowerCase()) newText = nc.toLowerCase() + newText.slice(1);
    }
    if (!newText && h.dPrev < 0 && h.dNext >= 0) {
      // Dropping leading words: take the space after them too.
      de = P[h.dNext].start;
    }
    edits.push({ start: ds, end: de, newText });
  }
  if (edits.length === 0) return undefined;
  return combine('Restore the source wording', text, edits);
}

function combine(title: string, text: string, edits: Array<{ start: number; end: number; newText: string }>): Fix {
  edits.sort((a, b) => a.start - b.start);
  const start = edits[0].start;
  const end = Math.max(...edits.map((e) => e.end));
  let newText = '';
  let at = start;
  for (const e of edits) {
    if (e.start < at) continue;
    newText += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  newText += text.slice(at, end);
  return { title, span: { start, end }, newText };
}

// ---------------------------------------------------------------------------------------------
// Speakers and sources

function wrongSpeakerFinding(attr: Attribution, sp: PassageSpeaker, ref: SourceRef, sourceId: string): Finding {
  const speaker = sp.speaker!;
  const whose = sp.narrative
    ? `these words are the text of ${sourceId} (${speaker}), not a quotation of ${attr.name}`
    : `${sourceId} gives these words to ${speaker}, not ${attr.name}`;
  return {
    code: 'wrong-speaker',
    severity: 'warning',
    message: `Wrong speaker: ${whose}${attr.pronoun ? ` (the draft's “${attr.pronoun}” refers to ${attr.name})` : ''}.`,
    span: attr.span,
    difference: { source: speaker, draft: attr.name },
    source: ref,
    fixes: [{ title: `Attribute to ${speaker}`, span: attr.span, newText: speaker }],
  };
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = t;
    }
  }
  return prev[b.length];
}

function unknownSourceFinding(k: { key: string; span: Span }, pidx: PassageIndex, matched: PassageMatch | undefined): Finding {
  const fixes: Fix[] = [];
  if (matched) {
    const id = pidx.docs[matched.doc].source.meta.id;
    fixes.push({ title: `Cite ${id} (where this quotation is)`, span: k.span, newText: id });
  }
  let best: string | undefined;
  let bestD = Infinity;
  for (const d of pidx.docs) {
    if (d.dead) continue;
    const id = d.source.meta.id;
    if (Math.abs(id.length - k.key.length) > bestD) continue;
    const dist = editDistance(k.key.toLowerCase(), id.toLowerCase());
    if (dist < bestD) {
      bestD = dist;
      best = id;
    }
  }
  if (best && bestD <= Math.max(2, Math.floor(k.key.length / 4)) && !fixes.some((f) => f.newText === best)) {
    fixes.push({ title: `Cite ${best}`, span: k.span, newText: best });
  }
  const hint = fixes.length ? ` Did you mean ${fixes.map((f) => `@${f.newText}`).join(' or ')}?` : '';
  return {
    code: 'unknown-source',
    severity: 'warning',
    message: `Unknown source @${k.key}: no source has this id.${hint}`,
    span: k.span,
    fixes,
  };
}

function wrongCitationFinding(raw: RawQuotation, citation: Citation, pidx: PassageIndex, m: PassageMatch, ref: SourceRef): Finding {
  // No fix here: a fix may only change the quotation itself; the message names the source that has it.
  const id = pidx.docs[m.doc].source.meta.id;
  const cited = citation.keys.map((k) => `@${k.key}`).join(', ');
  const severity: Severity = 'warning';
  const code: FindingCode = 'unverified-quote';
  return {
    code,
    severity,
    message: `Unverified quotation: ${cited} does not have these words; ${id} does.`,
    span: raw.inner,
    source: ref,
    fixes: [],
  };
}

export type { DraftScan };
