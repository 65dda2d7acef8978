// The whole outcome of checking one quotation (its status, match, speaker and findings), remembered per passage index
// version and keyed by everything it depends on, so that a keystroke in a long draft checks again only the quotations
// whose inputs changed. The key is the quotation's context window — the text and the mask from the start of the
// sentence that may name its speaker to the end of its citation — with the quotation's and its citation's places in
// it, and the settings that shape a finding. Outcomes are kept relative to the window: a quotation after the edit moves
// and its outcome is moved with it, not computed again. What an attribution read beyond the window (a pronoun looks
// back at the names before it; a one-word name is judged by the whole draft) is kept with the outcome and compared
// before it is used. Pure: the memo is plain data next to the index it describes.
import type { PassageIndex } from '../index/passageIndex';
import type { Span } from '../types';
import type { Citation, DraftScan, RawQuotation } from './draft';
import type { DraftQuotation, Finding } from './types';

/** Outcomes kept per index version (a draft has tens of quotations; a session of edits, a few thousand). */
const MAX_ENTRIES = 4000;

/** What checking one quotation produced, in the draft's offsets at the time. */
export interface QuotationOutcome {
  /** Undefined when the quotation has no words (nothing to report). */
  quotation?: DraftQuotation;
  findings: Finding[];
  /** Findings on the citation's unknown keys: reported once per citation, by the first quotation that has it. */
  unknownKeys: Finding[];
}

/** What an outcome depended on beyond its window, to compare before it is used again. */
export interface OutsideReads {
  /**
   * The region before the window that was read, as its key (text, mask and quotations' places). When it reached the
   * top of the draft, the read was cut there (a pronoun looks back 1,500 characters): text put before it is read too.
   */
  before?: { length: number; key: string; fromTop: boolean };
  /** One-word names judged by whether the draft writes them mid-sentence anywhere, and the verdict. */
  midSentence: Array<[string, boolean]>;
}

interface Entry {
  /** Where the window started when the outcome was computed. */
  base: number;
  outcome: QuotationOutcome;
  outside: OutsideReads;
}

interface Memo {
  version: number;
  entries: Map<string, Entry>;
}

const memos = new WeakMap<PassageIndex, Memo>();

function memoOf(pidx: PassageIndex): Memo {
  let m = memos.get(pidx);
  if (!m || m.version !== pidx.builtVersion) {
    m = { version: pidx.builtVersion, entries: new Map() };
    memos.set(pidx, m);
  }
  return m;
}

/** Forgets every remembered outcome. */
export function clearOutcomeMemo(pidx: PassageIndex): void {
  memos.delete(pidx);
}

/** The part of the draft a quotation's check reads (apart from a pronoun's look back). */
export interface ContextWindow {
  start: number;
  end: number;
  /** Where the speaker is searched for after the quotation (the attributor's bounds; a citation is searched in it too). */
  after: Span;
  /** For a block quote: the paragraph before it (an introduction such as "Ash wrote in a note:"). */
  lead?: Span;
}

/**
 * The window of quotation `qi`: for an inline quotation, from where its speaker may be named before it (its
 * paragraph, the previous quotation, 250 characters) to where it may be named after it (200 characters) or its
 * citation ends; for a block quote, from the paragraph before it (which may introduce the speaker) to its end and
 * citation. Mirrors DraftAttributor.compute and citationFor: what they read lies inside.
 */
export function contextWindow(scan: DraftScan, qi: number, citation: Citation | undefined): ContextWindow {
  const qs = scan.quotations;
  const q = qs[qi];
  const next = qs[qi + 1];
  const prev = qs[qi - 1];
  let start: number;
  let after: Span;
  let lead: Span | undefined;
  if (q.kind === 'block') {
    lead = paragraphBefore(scan, q);
    start = lead?.start ?? q.paragraph.start;
    after = { start: q.outer.end, end: q.paragraph.end };
  } else {
    start = Math.max(q.paragraph.start, prev && prev.outer.end <= q.outer.start ? prev.outer.end : -1, q.outer.start - 250);
    after = { start: q.outer.end, end: Math.min(q.paragraph.end, next && next.outer.start >= q.outer.end ? next.outer.start : Infinity, q.outer.end + 200) };
  }
  // One character past the quotation: its words look at the character after a closing bracket.
  const end = Math.min(scan.text.length, Math.max(after.end, q.outer.end + 1, citation?.span.end ?? 0));
  return { start: Math.min(start, q.outer.start), end, after, ...(lead ? { lead } : {}) };
}

/** The last paragraph that ends before the block starts (an attributor reads it for "X wrote:"). */
function paragraphBefore(scan: DraftScan, q: RawQuotation): Span | undefined {
  const ps = scan.paragraphs;
  let lo = 0;
  let hi = ps.length;
  // Paragraphs are sorted by start and do not overlap: the last one with end <= q.paragraph.start.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ps[mid].start < q.paragraph.start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0; k--) if (ps[k].end <= q.paragraph.start) return ps[k];
  return undefined;
}

/**
 * The key of a quotation's check: its window's text and mask, the places in the window of the quotation, of its
 * neighbours (the names a pronoun looks back at skip quotations), of its citation and of the bounds the attributor
 * searches in, and the settings that shape its findings. (An inline quotation's paragraph counts only through the
 * window's bounds: an edit earlier in a long paragraph does not change it.)
 */
export function outcomeKey(scan: DraftScan, qi: number, citation: Citation | undefined, win: ContextWindow, settings: string): string {
  const qs = scan.quotations;
  const q = qs[qi];
  const at = (n: number) => n - win.start;
  const places: Array<string | number> = [q.kind, at(q.outer.start), at(q.outer.end), at(q.inner.start), at(q.inner.end), at(win.after.end)];
  if (q.kind === 'block') places.push('para', at(q.paragraph.start), at(q.paragraph.end));
  if (win.lead) places.push('lead', at(win.lead.start), at(win.lead.end));
  if (q.byline) places.push('by', at(q.byline.span.start), at(q.byline.span.end));
  if (citation) places.push('cite', at(citation.span.start), ...citation.keys.flatMap((k) => [k.key, at(k.span.start)]));
  const clip = (n: number) => Math.min(win.end, Math.max(win.start, n)) - win.start;
  for (let k = qi - 1; k >= 0 && qs[k].outer.end >= win.start; k--) places.push('q', clip(qs[k].outer.start), clip(qs[k].outer.end), clip(qs[k].inner.start), clip(qs[k].inner.end));
  for (let k = qi + 1; k < qs.length && qs[k].outer.start < win.end; k++) places.push('q', clip(qs[k].outer.start), clip(qs[k].outer.end), clip(qs[k].inner.start), clip(qs[k].inner.end));
  return `${settings}|${places.join(',')}|${maskRuns(scan.mask, win.start, win.end)}|${scan.text.slice(win.start, win.end)}`;
}

/** The key of the region [from, to) before a window: its text, its mask and the places of the quotations in it (a pronoun's look back reads all three). */
function regionKey(scan: DraftScan, qi: number, from: number, to: number): string {
  const places: number[] = [];
  for (let k = qi - 1; k >= 0; k--) {
    const q = scan.quotations[k];
    if (q.outer.end < from) break;
    const clip = (n: number) => Math.min(to, Math.max(from, n)) - from;
    places.push(clip(q.outer.start), clip(q.outer.end), clip(q.inner.start), clip(q.inner.end));
  }
  return `${places.join(',')}|${maskRuns(scan.mask, from, to)}|${scan.text.slice(from, to)}`;
}

/** The runs of non-prose in mask[from, to): "offset:length:kind" each. */
function maskRuns(mask: Uint8Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; ) {
    const v = mask[i];
    if (v === 0) {
      i++;
      continue;
    }
    let e = i + 1;
    while (e < to && mask[e] === v) e++;
    out += `${i - from}:${e - i}:${v} `;
    i = e;
  }
  return out;
}

/**
 * What was read beyond the window, as it is in this draft, from an attribution's earliest read and its verdicts. The
 * region starts a line and a line break earlier than the read: an earlier quotation's speaker was searched from its
 * paragraph's start, and whether a paragraph starts there is decided by the line before — blank when nothing lies
 * between its two line breaks.
 */
export function outsideReads(scan: DraftScan, qi: number, win: ContextWindow, readFrom: number, midSentence: Map<string, boolean>): OutsideReads {
  const from = readFrom < win.start ? Math.max(0, startOfLineBefore(scan.text, Math.max(0, readFrom)) - 1) : win.start;
  return {
    ...(from < win.start ? { before: { length: win.start - from, key: regionKey(scan, qi, from, win.start), fromTop: from === 0 } } : {}),
    midSentence: [...midSentence],
  };
}

/** Where the line before the one holding `offset` starts (0 at the top). */
function startOfLineBefore(text: string, offset: number): number {
  const lineStart = offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
  return lineStart < 2 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
}

/**
 * The remembered outcome of a quotation whose key is `key`, moved to the window's place in this draft, when what it
 * read beyond the window is unchanged (`writtenMidSentence` answers for this draft).
 */
export function recallOutcome(
  pidx: PassageIndex,
  key: string,
  scan: DraftScan,
  qi: number,
  win: ContextWindow,
  writtenMidSentence: (name: string) => boolean,
): QuotationOutcome | undefined {
  const entry = memoOf(pidx).entries.get(key);
  if (!entry) return undefined;
  const before = entry.outside.before;
  if (before) {
    const from = win.start - before.length;
    if (from < 0 || (before.fromTop && from > 0) || regionKey(scan, qi, from, win.start) !== before.key) return undefined;
  }
  for (const [name, verdict] of entry.outside.midSentence) if (writtenMidSentence(name) !== verdict) return undefined;
  return moved(entry.outcome, win.start - entry.base);
}

export function rememberOutcome(pidx: PassageIndex, key: string, win: ContextWindow, outcome: QuotationOutcome, outside: OutsideReads): void {
  const entries = memoOf(pidx).entries;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(key, { base: win.start, outcome, outside });
}

// ---------------------------------------------------------------------------------------------
// Moving an outcome: every draft offset in it shifts by the same amount (source offsets stay).

/** The outcome with its draft offsets moved by `delta`: a copy, or the same objects when it has not moved (results are read-only). */
function moved(o: QuotationOutcome, delta: number): QuotationOutcome {
  if (delta === 0) return o;
  return {
    ...(o.quotation ? { quotation: movedQuotation(o.quotation, delta) } : {}),
    findings: o.findings.map((f) => movedFinding(f, delta)),
    unknownKeys: o.unknownKeys.map((f) => movedFinding(f, delta)),
  };
}

const movedSpan = (s: Span, delta: number): Span => ({ start: s.start + delta, end: s.end + delta });

function movedQuotation(q: DraftQuotation, delta: number): DraftQuotation {
  return {
    ...q,
    span: movedSpan(q.span, delta),
    outer: movedSpan(q.outer, delta),
    ...(q.attributedTo ? { attributedTo: { ...q.attributedTo, span: movedSpan(q.attributedTo.span, delta) } } : {}),
    ...(q.citation ? { citation: { ...q.citation, span: movedSpan(q.citation.span, delta) } } : {}),
  };
}

function movedFinding(f: Finding, delta: number): Finding {
  return { ...f, span: movedSpan(f.span, delta), fixes: f.fixes.map((x) => ({ ...x, span: movedSpan(x.span, delta) })) };
}
