import type { Problem, Quote, Span } from '../types';
import { doubleMarks, singleMarks, type Mark } from './marks';
import { paragraphsOf, isWs } from './paragraphs';
import { preliminaryKind } from './kind';

export interface Extraction {
  quotes: Quote[];
  problems: Problem[];
}

/** Longest single-quoted span taken as a quote; longer ones are more likely two apostrophes. */
const MAX_SINGLE_QUOTE = 300;

/**
 * Finds the direct quotes of a body. Pairs quotation marks paragraph by paragraph, so a broken mark
 * never reaches past its paragraph:
 * - curly and straight double marks, mixed ("…” closes a straight opening);
 * - a mark's role comes from its glyph and neighbours, straight ones from their neighbours only;
 * - a quote within a quote (“… “easy” …”, "… 'no' …") stays part of the outer quote;
 * - an opening mark after a sentence end inside an open quote starts a new paragraph of the same quote
 *   (paragraphs run together in one line, as in the BBC data), sharing a `group`;
 * - a quote still open at the paragraph end continues when the next paragraph opens with a mark
 *   (the opening mark repeated at each paragraph), otherwise it ends there and a Problem is reported;
 * - single marks outside double quotes are quotes only when they pair inside the paragraph; apostrophes never are.
 * Never throws: on an internal error it returns what it found so far and a Problem.
 */
export function extractQuotes(text: string, bodyStart: number, paragraphs?: Span[]): Extraction {
  const quotes: Quote[] = [];
  const problems: Problem[] = [];
  try {
    extractInto(text, paragraphs ?? paragraphsOf(text, bodyStart), quotes, problems);
  } catch (e) {
    problems.push({ severity: 'warning', message: `Quote extraction stopped early: ${String(e)}` });
  }
  return { quotes, problems };
}

interface Pending {
  /** Offset of the opening mark. */
  open: number;
  depth: number;
  group?: number;
}

function extractInto(text: string, paragraphs: Span[], quotes: Quote[], problems: Problem[]): void {
  let nextGroup = 1;
  let carryGroup: number | undefined; // group of a quote continued from the previous paragraph

  const emit = (start: number, end: number, para: Span, group?: number): Quote | undefined => {
    while (start < end && isWs(text.charCodeAt(start))) start++;
    while (end > start && isWs(text.charCodeAt(end - 1))) end--;
    if (end <= start) return undefined;
    const body = text.slice(start, end);
    if (!/[\p{L}\p{N}]/u.test(body)) return undefined;
    const q: Quote = {
      id: quotes.length,
      sourceId: '',
      text: body,
      span: { start, end },
      speaker: null,
      kind: preliminaryKind(body),
      paragraph: para,
    };
    if (group !== undefined) q.group = group;
    quotes.push(q);
    return q;
  };

  for (let pi = 0; pi < paragraphs.length; pi++) {
    const para = paragraphs[pi];
    const marks = doubleMarks(text, para.start, para.end);
    const doubleSpans: Span[] = [];
    let open: Pending | undefined;
    const continued = carryGroup;
    carryGroup = undefined;

    for (let mi = 0; mi < marks.length; mi++) {
      const m = marks[mi];
      if (!open) {
        if (m.role === 'close') {
          if (!/\d/.test(text[m.pos - 1] ?? '')) {
            problems.push({
              severity: 'information',
              message: 'Closing quotation mark without an opening one in its paragraph; it was ignored.',
              span: { start: m.pos, end: m.pos + 1 },
            });
          }
          continue;
        }
        open = { open: m.pos, depth: 0 };
        // The first quote of a paragraph that continues a quote from the previous paragraph.
        if (continued !== undefined && m.pos === para.start) {
          open.group = continued;
        }
        continue;
      }
      if (m.role === 'close' || m.role === 'either') {
        if (open.depth > 0) {
          open.depth--;
          continue;
        }
        emit(open.open + 1, m.pos, para, open.group);
        doubleSpans.push({ start: open.open, end: m.pos + 1 });
        open = undefined;
        continue;
      }
      // An opening mark while a quote is open.
      if (afterSentenceEnd(text, m.pos, para.start)) {
        // Paragraphs of one quote run together: close the open part here, continue in the same group.
        const group = open.group ?? nextGroup++;
        const q = emit(open.open + 1, m.pos, para, group);
        doubleSpans.push({ start: open.open, end: m.pos });
        if (q) q.group = group;
        open = { open: m.pos, depth: 0, group };
        continue;
      }
      if (nestedAhead(marks, mi)) {
        open.depth++;
        continue;
      }
      problems.push({
        severity: 'information',
        message: 'Stray quotation mark inside a quote; it was kept as part of the quote.',
        span: { start: m.pos, end: m.pos + 1 },
      });
    }

    if (open) {
      const next = paragraphs[pi + 1];
      // a sentence closed with a single mark by mistake (…a bit more.' The orchestra…) ends the quote there
      const inner = text.slice(open.open + 1, para.end);
      const slip = /[.?!,]['’](?=\s+\p{Lu})/u.exec(inner);
      const slipEnd = slip && !/(?:^|\s)['‘]\p{L}/u.test(inner.slice(0, slip.index)) ? open.open + 1 + slip.index + 1 : -1;
      const nextOpens = slipEnd < 0 && next !== undefined && opensWithMark(text, next);
      if (nextOpens) {
        const group = open.group ?? nextGroup++;
        const q = emit(open.open + 1, para.end, para, group);
        if (q) q.group = group;
        carryGroup = group;
      } else {
        emit(open.open + 1, slipEnd >= 0 ? slipEnd : para.end, para, open.group);
        problems.push({
          severity: 'information',
          message: 'Quotation mark not closed in its paragraph; the quote was ended at the paragraph end (or at a sentence closed by a single mark).',
          span: { start: open.open, end: open.open + 1 },
        });
      }
      doubleSpans.push({ start: open.open, end: para.end });
    }

    singleQuotes(text, para, doubleSpans, emit);
  }
  quotes.sort((a, b) => a.span.start - b.span.start);
  quotes.forEach((q, i) => (q.id = i));
}

/** True when the mark follows a sentence end (". "We…") — the start of a new sentence, not a nested quote. */
function afterSentenceEnd(text: string, pos: number, lo: number): boolean {
  let i = pos - 1;
  if (i < lo || !isWs(text.charCodeAt(i))) return false;
  while (i >= lo && isWs(text.charCodeAt(i))) i--;
  if (i < lo) return false;
  return '.?!:…'.includes(text[i]);
}

/** A nested quote: the next two marks that can close come before any mark that can only open. */
function nestedAhead(marks: Mark[], mi: number): boolean {
  let closers = 0;
  for (let k = mi + 1; k < marks.length; k++) {
    if (marks[k].role === 'open') return false;
    if (++closers === 2) return true;
  }
  return false;
}

function opensWithMark(text: string, para: Span): boolean {
  const marks = doubleMarks(text, para.start, Math.min(para.end, para.start + 2));
  return marks.length > 0 && marks[0].pos === para.start && marks[0].role !== 'close';
}

/** Single-mark quotes ('…' or ‘…’) in the parts of a paragraph outside double quotes. */
function singleQuotes(
  text: string,
  para: Span,
  doubleSpans: Span[],
  emit: (start: number, end: number, para: Span) => Quote | undefined,
): void {
  const regions: Span[] = [];
  let at = para.start;
  // most paragraphs hold one double quote or none: nothing to sort (the sort's scratch was garbage per paragraph)
  if (doubleSpans.length > 1) doubleSpans.sort((a, b) => a.start - b.start);
  for (const d of doubleSpans) {
    if (d.start > at) regions.push({ start: at, end: d.start });
    at = Math.max(at, d.end);
  }
  if (at < para.end) regions.push({ start: at, end: para.end });
  for (const r of regions) {
    const marks = singleMarks(text, r.start, r.end);
    let open: Mark | undefined;
    for (const m of marks) {
      if (m.role === 'open') {
        if (!open) open = m;
        continue;
      }
      if (!open) continue;
      // rock 'n' roll: a one-letter span between single marks is elision, not a quote
      if (m.pos - open.pos <= MAX_SINGLE_QUOTE && m.pos > open.pos + 2) emit(open.pos + 1, m.pos, para);
      open = undefined;
    }
  }
}
