// Quotation marks and what a mark's neighbours say about it (opening, closing, or either).

export type MarkRole = 'open' | 'close' | 'either';

export interface Mark {
  pos: number;
  ch: string;
  role: MarkRole;
  /** A straight mark (" or '), whose direction only its context tells. */
  straight: boolean;
}

const DOUBLE_OPEN = '“„‟«';
const DOUBLE_CLOSE = '”»';
const DOUBLE_STRAIGHT = '"＂';
const SINGLE_OPEN = '‘‚‛‹';
const SINGLE_CLOSE = '’›';
const SINGLE_STRAIGHT = "'";

/** Characters before a mark that still let it open a quote: brackets, dashes, slashes, other marks. */
const OPEN_CONTEXT = '([{—–-/‘“„«\'"<';
/** Characters after a mark that still let it close a quote: punctuation, brackets, dashes, other marks. */
const CLOSE_CONTEXT = '.,;:!?)]}—–-/…’”»\'"*';

export function isDoubleMark(ch: string): boolean {
  return DOUBLE_OPEN.includes(ch) || DOUBLE_CLOSE.includes(ch) || DOUBLE_STRAIGHT.includes(ch);
}

export function isSingleMark(ch: string): boolean {
  return SINGLE_OPEN.includes(ch) || SINGLE_CLOSE.includes(ch) || ch === SINGLE_STRAIGHT;
}

function spaceLike(ch: string | undefined): boolean {
  if (ch === undefined) return true;
  const c = ch.charCodeAt(0);
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x3000;
}

function flanking(text: string, pos: number, lo: number, hi: number): { canOpen: boolean; canClose: boolean } {
  const prev = pos - 1 >= lo ? text[pos - 1] : undefined;
  const next = pos + 1 < hi ? text[pos + 1] : undefined;
  const canOpen = !spaceLike(next) && (spaceLike(prev) || OPEN_CONTEXT.includes(prev!));
  const canClose = !spaceLike(prev) && (spaceLike(next) || CLOSE_CONTEXT.includes(next!));
  return { canOpen, canClose };
}

// The marks are found by a loop over text[lo, hi) alone: a global RegExp run from `lo` went on past `hi` to the next
// mark anywhere in the text, so a paragraph without one scanned the rest of the file (quadratic in a large source:
// 15 s for 2 MB of text without apostrophes).

/** " “ ” „ ‟ « » ＂ */
function isDoubleMarkCode(c: number): boolean {
  return c === 0x22 || c === 0xab || c === 0xbb || (c >= 0x201c && c <= 0x201f) || c === 0xff02;
}

/** ' ‘ ’ ‚ ‛ ‹ › */
function isSingleMarkCode(c: number): boolean {
  return c === 0x27 || (c >= 0x2018 && c <= 0x201b) || c === 0x2039 || c === 0x203a;
}

/** The double quotation marks of text[lo, hi), each with its role from its glyph and its neighbours. */
export function doubleMarks(text: string, lo: number, hi: number): Mark[] {
  const out: Mark[] = [];
  const end = Math.min(hi, text.length);
  for (let i = lo; i < end; i++) {
    if (!isDoubleMarkCode(text.charCodeAt(i))) continue;
    const ch = text[i];
    const { canOpen, canClose } = flanking(text, i, lo, hi);
    let role: MarkRole;
    const straight = DOUBLE_STRAIGHT.includes(ch);
    if (straight) role = canOpen && !canClose ? 'open' : canClose && !canOpen ? 'close' : 'either';
    else if (DOUBLE_OPEN.includes(ch)) role = !canOpen && canClose ? 'close' : 'open';
    else role = canOpen && !canClose ? 'open' : 'close';
    out.push({ pos: i, ch, role, straight });
  }
  return out;
}

/**
 * Single marks of text[lo, hi) that can be quotation marks. Apostrophes (don’t, Nato's, players’, '90s,
 * rock 'n' roll inner) are left out: a mark between two letters or digits, or one opening before a digit.
 */
export function singleMarks(text: string, lo: number, hi: number): Mark[] {
  const out: Mark[] = [];
  const end = Math.min(hi, text.length);
  for (let i = lo; i < end; i++) {
    if (!isSingleMarkCode(text.charCodeAt(i))) continue;
    const ch = text[i];
    const prev = i - 1 >= lo ? text[i - 1] : undefined;
    const next = i + 1 < hi ? text[i + 1] : undefined;
    const wordPrev = prev !== undefined && /[\p{L}\p{N}]/u.test(prev);
    const wordNext = next !== undefined && /[\p{L}\p{N}]/u.test(next);
    if (wordPrev && wordNext) continue; // don’t, Russia’s, O'Neill
    if (next !== undefined && /\d/.test(next) && !wordPrev) continue; // '90s
    const { canOpen, canClose } = flanking(text, i, lo, hi);
    let role: MarkRole;
    if (SINGLE_OPEN.includes(ch)) role = canOpen ? 'open' : canClose ? 'close' : 'either';
    else role = canOpen && !canClose ? 'open' : canClose && !canOpen ? 'close' : 'either';
    if (role === 'either') continue;
    out.push({ pos: i, ch, role, straight: ch === SINGLE_STRAIGHT });
  }
  return out;
}
