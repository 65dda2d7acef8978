// Finds the quotations of a Markdown or plain-text draft: double-quoted text (curly or straight, with
// single quotes inside) and Markdown block quotes, plus Pandoc citation keys. Markdown structure is
// respected: nothing inside front matter, code blocks, code spans, HTML, link targets or URLs counts.
import type { Span } from '../types';

/** Mask values: what a character is when it is not prose. */
export const Mask = {
  Prose: 0,
  /** Code, front matter, HTML, link target, URL, citation: invisible to the checker. */
  Hidden: 1,
  /** A block-quote marker (">"): white space for the words, kept out of quotations. */
  Marker: 2,
} as const;

export interface CitationKey {
  key: string;
  /** Span of the key without the "@". */
  span: Span;
}

export interface Citation {
  keys: CitationKey[];
  /** The whole bracket "[@id, p. 3]". */
  span: Span;
}

export interface RawQuotation {
  kind: 'inline' | 'block';
  /** Span including the marks (block: from the first content character to the last). */
  outer: Span;
  /** Span of the quoted text without the marks. */
  inner: Span;
  /** The paragraph (inline) or block that holds the quotation. */
  paragraph: Span;
  /** For block quotes: a "— Name" attribution line at the end of the block. */
  byline?: { text: string; span: Span };
}

export interface DraftScan {
  text: string;
  mask: Uint8Array;
  /** Where the body starts (after front matter). */
  bodyStart: number;
  citations: Citation[];
  quotations: RawQuotation[];
  /** Paragraph spans in order (blank lines, headings, list items and block quotes separate them). */
  paragraphs: Span[];
}

interface Line {
  start: number;
  /** End of the line's text, before "\r\n" or "\n". */
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let s = 0;
  for (;;) {
    const nl = text.indexOf('\n', s);
    if (nl < 0) {
      lines.push({ start: s, end: text.length });
      break;
    }
    lines.push({ start: s, end: nl > s && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl });
    s = nl + 1;
  }
  return lines;
}

const OPEN_DOUBLE = '“„‟〝';
const CLOSE_DOUBLE = '”〞';
/** Any double quotation mark, straight or curly (OPEN_DOUBLE, CLOSE_DOUBLE and '"'). */
const DOUBLE_MARK = /["“„‟〝”〞]/g;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const BLOCK_MARK = /^(?: {0,3}>[ \t]?)+/;

export function scanDraft(text: string): DraftScan {
  const mask = new Uint8Array(text.length);
  const hide = (s: number, e: number, v: number = Mask.Hidden) => mask.fill(v, Math.max(0, s), Math.min(text.length, e));
  const lines = splitLines(text);
  const lineEndWithBreak = (k: number) => (k + 1 < lines.length ? lines[k + 1].start : text.length);

  // Front matter.
  let first = 0;
  let bodyStart = 0;
  if (/^\uFEFF?---[ \t]*$/.test(text.slice(lines[0].start, lines[0].end)) && lines.length > 1) {
    for (let k = 1; k < lines.length; k++) {
      if (/^(?:---|\.\.\.)[ \t]*$/.test(text.slice(lines[k].start, lines[k].end))) {
        bodyStart = lineEndWithBreak(k);
        hide(0, bodyStart);
        first = k + 1;
        break;
      }
    }
  }

  // Code blocks (fenced and indented), line by line.
  const codeLine = new Uint8Array(lines.length);
  let fence: { char: string; len: number } | undefined;
  let prevBlank = true;
  let inList = false;
  let inIndented = false;
  for (let k = first; k < lines.length; k++) {
    const line = text.slice(lines[k].start, lines[k].end);
    const blank = line.trim() === '';
    if (fence) {
      codeLine[k] = 1;
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence.char && m[1].length >= fence.len && line.trim() === m[1]) fence = undefined;
      continue;
    }
    const fm = FENCE.exec(line);
    if (fm) {
      fence = { char: fm[1][0], len: fm[1].length };
      codeLine[k] = 1;
      prevBlank = false;
      continue;
    }
    const indented = /^(?: {4}|\t)/.test(line) && !blank;
    if (indented && (inIndented || (prevBlank && !inList))) {
      codeLine[k] = 1;
      inIndented = true;
      prevBlank = false;
      continue;
    }
    if (!blank && !indented) {
      inIndented = false;
      if (LIST_ITEM.test(line)) inList = true;
      else if (prevBlank) inList = false;
    }
    if (blank && inIndented) {
      // A blank line inside an indented block stays code only if the block continues.
      codeLine[k] = 0;
    }
    prevBlank = blank;
  }
  for (let k = 0; k < lines.length; k++) if (codeLine[k]) hide(lines[k].start, lineEndWithBreak(k));

  // Inline constructs.
  const isHidden = (i: number) => mask[i] === Mask.Hidden;
  // Code spans (from backtick to backtick: indexOf skips the prose in between).
  for (let i = text.indexOf('`', bodyStart); i >= 0 && i < text.length; i = text.indexOf('`', i + 1)) {
    if (isHidden(i)) continue;
    let k = i;
    while (k < text.length && text.charCodeAt(k) === 96) k++;
    const run = k - i;
    let j = k;
    let closed = -1;
    while (j < text.length) {
      const nextTick = text.indexOf('`', j);
      if (nextTick < 0) break;
      if (/\n[ \t]*\r?\n/.test(text.slice(j, nextTick))) break;
      let e = nextTick;
      while (e < text.length && text.charCodeAt(e) === 96) e++;
      if (e - nextTick === run) {
        closed = e;
        break;
      }
      j = e;
    }
    if (closed > 0) {
      hide(i, closed);
      i = closed - 1;
    } else i = k - 1;
  }
  const hideAll = (re: RegExp, group?: number) => {
    re.lastIndex = bodyStart;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (isHidden(m.index)) continue;
      if (group === undefined) hide(m.index, m.index + m[0].length);
      else {
        const off = m[0].indexOf(m[group]);
        hide(m.index + off, m.index + off + m[group].length);
      }
    }
  };
  hideAll(/<!--[\s\S]*?-->/g);
  hideAll(/<(?:https?|mailto|ftp):[^>\s]*>/g);
  hideAll(/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g);
  hideAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm);
  // Link targets "](url "title")" and reference labels "][ref]".
  for (let i = text.indexOf('](', bodyStart); i >= 0; i = text.indexOf('](', i + 2)) {
    if (isHidden(i)) continue;
    let depth = 0;
    let j = i + 1;
    for (; j < text.length; j++) {
      const c = text[j];
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) break;
      else if (c === '\n' && /^\s*$/.test(text.slice(j + 1, text.indexOf('\n', j + 1) < 0 ? text.length : text.indexOf('\n', j + 1)))) {
        j = -1;
        break;
      }
    }
    if (j > 0 && j < text.length) hide(i + 1, j + 1);
  }
  hideAll(/\]\[[^\]\n]*\]/g);
  // Bare URLs (a closing mark or punctuation right after one is not part of it).
  {
    const re = /\b(?:https?|ftp):\/\/[^\s<>]+/g;
    re.lastIndex = bodyStart;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (isHidden(m.index)) continue;
      const url = m[0].replace(/[.,;:!?)"'”’]+$/, '');
      hide(m.index, m.index + url.length);
    }
  }

  // Citations: [@key], [see @key, p. 3; -@other].
  const citations: Citation[] = [];
  const citeRe = /\[([^[\]\n]*@[^[\]\n]*)\]/g;
  citeRe.lastIndex = bodyStart;
  for (let m = citeRe.exec(text); m; m = citeRe.exec(text)) {
    if (isHidden(m.index)) continue;
    const keys: CitationKey[] = [];
    const keyRe = /(^|[\s;[,])-?@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*)/gu;
    const inner = m[1];
    for (let k = keyRe.exec(inner); k; k = keyRe.exec(inner)) {
      const key = k[2].replace(/[.:#$%&+?<>~/-]+$/, '');
      const start = m.index + 1 + k.index + k[1].length + k[0].slice(k[1].length).indexOf('@') + 1;
      keys.push({ key, span: { start, end: start + key.length } });
    }
    if (keys.length === 0) continue;
    citations.push({ keys, span: { start: m.index, end: m.index + m[0].length } });
    hide(m.index, m.index + m[0].length);
  }
  // Footnote references [^1].
  hideAll(/\[\^[^\]\s]+\]/g);

  // Block quotes and paragraphs.
  let marksFound: number[] | undefined; // see markPositions()
  const quotations: RawQuotation[] = [];
  const paragraphs: Span[] = [];
  const blockLine = new Uint8Array(lines.length);
  const contentStart: number[] = lines.map((l) => l.start);
  for (let k = first; k < lines.length; k++) {
    if (codeLine[k]) continue;
    const line = text.slice(lines[k].start, lines[k].end);
    const m = BLOCK_MARK.exec(line);
    if (m) {
      blockLine[k] = 1;
      hide(lines[k].start, lines[k].start + m[0].length, Mask.Marker);
      contentStart[k] = lines[k].start + m[0].length;
    } else if (k > first && blockLine[k - 1] && line.trim() !== '' && contentStart[k - 1] < lines[k - 1].end && !HEADING.test(line) && !LIST_ITEM.test(line)) {
      blockLine[k] = 2; // lazy continuation
    }
  }
  const lineBlank = (k: number) => codeLine[k] === 1 || text.slice(contentStart[k], lines[k].end).trim() === '' || allHidden(lines[k]);
  function allHidden(l: Line): boolean {
    for (let i = l.start; i < l.end; i++) if (mask[i] === Mask.Prose && !/\s/.test(text[i])) return false;
    return true;
  }

  let k = first;
  while (k < lines.length) {
    if (lineBlank(k)) {
      k++;
      continue;
    }
    if (blockLine[k]) {
      // One block quote: consecutive marker lines (and lazy continuations).
      let e = k;
      while (e + 1 < lines.length && blockLine[e + 1] && !codeLine[e + 1]) e++;
      const block = { start: contentStart[k], end: lines[e].end };
      handleBlock(k, e, block);
      k = e + 1;
      continue;
    }
    let e = k;
    while (e + 1 < lines.length && !lineBlank(e + 1) && !blockLine[e + 1] && !HEADING.test(text.slice(lines[e + 1].start, lines[e + 1].end)) && !LIST_ITEM.test(text.slice(lines[e + 1].start, lines[e + 1].end)) && !HEADING.test(text.slice(lines[e].start, lines[e].end)))
      e++;
    const para = { start: lines[k].start, end: lines[e].end };
    paragraphs.push(para);
    scanInline(para);
    k = e + 1;
  }

  function handleBlock(k0: number, k1: number, block: Span): void {
    // Paragraphs inside the block, for inline scanning.
    let firstChar = -1;
    for (let i = block.start; i < block.end; i++) {
      if (mask[i] === Mask.Prose && !/\s/.test(text[i])) {
        firstChar = i;
        break;
      }
    }
    if (firstChar < 0) return;
    const c = text[firstChar];
    if (c === '"' || OPEN_DOUBLE.includes(c)) {
      // The block holds quotations with their own marks: scan it like prose, paragraph by paragraph.
      let s = k0;
      while (s <= k1) {
        if (lineBlank(s)) {
          s++;
          continue;
        }
        let e = s;
        while (e + 1 <= k1 && !lineBlank(e + 1)) e++;
        const para = { start: contentStart[s], end: lines[e].end };
        paragraphs.push(para);
        scanInline(para);
        s = e + 1;
      }
      return;
    }
    // The whole block is the quotation, minus a "— Name" byline at its end.
    let lastLine = k1;
    while (lastLine > k0 && lineBlank(lastLine)) lastLine--;
    let byline: RawQuotation['byline'];
    const lastText = text.slice(contentStart[lastLine], lines[lastLine].end);
    const bm = /^\s*(?:[—―–]|--?)\s*(\S.*?)\s*$/.exec(lastText);
    if (bm && lastLine > k0) {
      const s = contentStart[lastLine] + lastText.indexOf(bm[1]);
      byline = { text: bm[1], span: { start: s, end: s + bm[1].length } };
      lastLine--;
      while (lastLine > k0 && lineBlank(lastLine)) lastLine--;
    }
    let end = lines[lastLine].end;
    while (end > firstChar && (/\s/.test(text[end - 1]) || mask[end - 1] !== Mask.Prose)) end--;
    const para = { start: block.start, end: block.end };
    paragraphs.push(para);
    quotations.push({ kind: 'block', outer: { start: firstChar, end }, inner: { start: firstChar, end }, paragraph: para, byline });
  }

  function ch(i: number): string {
    if (i < 0 || i >= text.length) return ' ';
    return mask[i] === Mask.Prose ? text[i] : ' ';
  }
  function isSpace(c: string): boolean {
    return c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\u00a0';
  }

  /** Where the double quotation marks are, in order (found once per scan). */
  function markPositions(): number[] {
    if (!marksFound) {
      marksFound = [];
      DOUBLE_MARK.lastIndex = 0;
      for (let m = DOUBLE_MARK.exec(text); m; m = DOUBLE_MARK.exec(text)) marksFound.push(m.index);
    }
    return marksFound;
  }

  function scanInline(para: Span): void {
    let open = -1;
    let nested = 0;
    // Only quotation marks matter below: visit them, not every character.
    const marks = markPositions();
    for (let k = firstAtOrAfter(marks, para.start); k < marks.length && marks[k] < para.end; k++) {
      const i = marks[k];
      if (mask[i] !== Mask.Prose) continue;
      const c = text[i];
      const prev = ch(i - 1);
      const next = ch(i + 1);
      if (open < 0) {
        if (OPEN_DOUBLE.includes(c) || (c === '"' && !isSpace(next) && (isSpace(prev) || '([{—–-/*_…'.includes(prev)))) {
          open = i;
          nested = 0;
        }
        continue;
      }
      if (OPEN_DOUBLE.includes(c)) {
        nested++;
        continue;
      }
      const closesCurly = CLOSE_DOUBLE.includes(c);
      const straight = c === '"';
      if (!closesCurly && !straight) continue;
      if (straight && isSpace(prev) && !isSpace(next) && !/[.,;:!?)\]]/.test(next)) {
        // Looks like an opening mark inside the quotation: a nested quotation.
        nested++;
        continue;
      }
      if (nested > 0) {
        nested--;
        continue;
      }
      const inner = { start: open + 1, end: i };
      if (/[\p{L}\p{N}]/u.test(text.slice(inner.start, inner.end))) {
        quotations.push({ kind: 'inline', outer: { start: open, end: i + 1 }, inner, paragraph: para });
      }
      open = -1;
    }
  }

  quotations.sort((a, b) => a.outer.start - b.outer.start);
  paragraphs.sort((a, b) => a.start - b.start);
  return { text, mask, bodyStart, citations, quotations, paragraphs };
}

/** The first index k with xs[k] >= x in sorted `xs` (xs.length when none). */
function firstAtOrAfter(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The citation that belongs to a quotation: right after it in the same paragraph, or inside a block quote. */
export function citationFor(scan: DraftScan, q: RawQuotation, next: RawQuotation | undefined): Citation | undefined {
  const limit = Math.min(q.paragraph.end + (q.kind === 'block' ? 200 : 0), next ? next.outer.start : Infinity, q.outer.end + (q.kind === 'block' ? 200 : 150));
  const cs = scan.citations;
  // First citation starting at or after `from` (citations are in text order).
  const from = q.kind === 'block' ? q.outer.start : q.outer.end;
  let lo = 0;
  let hi = cs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cs[mid].span.start < from) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < cs.length; k++) {
    const c = cs[k];
    if (q.kind === 'block' && c.span.end <= q.paragraph.end) return c;
    if (c.span.start >= q.outer.end && c.span.start <= limit) return c;
    if (c.span.start > limit) break;
  }
  return undefined;
}
