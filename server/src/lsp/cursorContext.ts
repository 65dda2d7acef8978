// What surrounds the cursor in a draft: an opened quotation, a speaker and reporting verb before it, a citation key.
// Pure text functions over UTF-16 offsets (the same offsets as the core), tested in test/unit/lsp/cursorContext.test.ts.

const OPENERS: Record<string, string> = { '“': '”', '"': '"', '„': '“', '«': '»' };
const CLOSERS = new Set(['”', '»']);
/** How far back a quotation may have opened (a paragraph, in practice). */
const MAX_LOOKBACK = 4000;

export interface OpenQuotation {
  /** Offset of the opening mark. */
  mark: number;
  /** The closing mark that matches it. */
  closing: string;
  /** What the writer typed after the mark, up to the cursor. */
  typed: string;
}

/** Start of the paragraph holding `offset` (after the last blank line), at most MAX_LOOKBACK back. */
export function paragraphStart(text: string, offset: number): number {
  const floor = Math.max(0, offset - MAX_LOOKBACK);
  const blank = /\n[ \t]*\r?\n/g;
  let start = floor;
  blank.lastIndex = floor;
  for (let m = blank.exec(text); m && m.index + m[0].length <= offset; m = blank.exec(text)) start = m.index + m[0].length;
  return start;
}

/** The quotation opened before `offset` in its paragraph and not closed yet, if any. */
export function openQuotationAt(text: string, offset: number): OpenQuotation | undefined {
  let open: { at: number; closing: string } | undefined;
  for (let i = paragraphStart(text, offset); i < offset; i++) {
    const c = text[i];
    if (open) {
      if (c === open.closing || (CLOSERS.has(c) && open.closing !== '"')) open = undefined;
    } else if (c in OPENERS) {
      // A straight mark right after a digit is an inch mark (12"), not a quotation.
      if (c === '"' && i > 0 && /\d/.test(text[i - 1])) continue;
      open = { at: i, closing: OPENERS[c] };
    }
  }
  if (!open) return undefined;
  return { mark: open.at, closing: open.closing, typed: text.slice(open.at + 1, offset) };
}

const VERBS =
  'said|says|say|told|tells|added|adds|stressed|stresses|explained|explains|argued|argues|warned|warns|wrote|writes|' +
  'noted|notes|insisted|insists|continued|continues|claimed|claims|declared|declares|replied|replies|remarked|remarks|' +
  'commented|comments|asked|asks|answered|answers|recalled|recalls|admitted|admits|suggested|suggests|observed|observes';
const NAME = String.raw`(?:[\p{Lu}][\p{L}'’.\-]*)(?:\s+(?:[\p{Lu}][\p{L}'’.\-]*|de|van|von|bin|al))*`;
// "Peskov said ", "Dmitry Peskov told reporters: ", "Ash added that ", "Peskov said on Tuesday, "
const SPEAKER_VERB = new RegExp(
  String.raw`(${NAME})\s+(?:${VERBS})(?:\s+(?:reporters|journalists|the\s+press|[\p{Lu}][\p{L}]+|on\s+[\p{L}\d ]{1,20}?|in\s+an?\s+[\p{L} ]{1,30}?))?(?:\s+that)?\s*[,:]?\s*$`,
  'u',
);
// "according to Ash, ", "according to Tim Ash: "
const ACCORDING_TO = new RegExp(String.raw`[Aa]ccording\s+to\s+(${NAME})\s*[,:]?\s*$`, 'u');

export interface Attribution {
  /** The name as written, possibly with a title ("Russian presidential spokesman Dmitry Peskov" keeps only the capitalised run). */
  name: string;
  start: number;
  end: number;
}

/** A speaker and reporting verb (or "according to …") right before `offset`, on the same line. */
export function attributionBefore(text: string, offset: number): Attribution | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const from = Math.max(lineStart, offset - 200);
  const before = text.slice(from, offset);
  const m = ACCORDING_TO.exec(before) ?? SPEAKER_VERB.exec(before);
  if (!m) return undefined;
  const start = from + m.index + m[0].indexOf(m[1]);
  return { name: m[1], start, end: start + m[1].length };
}

/** A citation key being typed: `[@bne-20` or `[see @a; @bne` with the cursor at the end. */
export function citationKeyBefore(text: string, offset: number): { start: number; prefix: string } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(Math.max(lineStart, offset - 300), offset);
  const m = /\[[^\]\n]*@([\p{L}\p{N}_:.#$%&\-+?<>~/]*)$/u.exec(before);
  if (!m) return undefined;
  return { start: offset - m[1].length, prefix: m[1] };
}

/** The citation key `@id` (inside brackets) under `offset`. */
export function citationKeyAt(text: string, offset: number): { key: string; start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const group = /\[[^\]\n]*\]/g;
  for (let g = group.exec(line); g; g = group.exec(line)) {
    const key = /@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/gu;
    for (let k = key.exec(g[0]); k; k = key.exec(g[0])) {
      const start = lineStart + g.index + k.index;
      const end = start + k[0].length;
      if (offset >= start && offset <= end) return { key: k[1], start: start + 1, end };
    }
  }
  return undefined;
}

/** The word (letters, digits, apostrophes, hyphens) ending at `offset`. */
export function wordBefore(text: string, offset: number): { start: number; word: string } {
  const m = /[\p{L}\p{N}'’\-]*$/u.exec(text.slice(Math.max(0, offset - 100), offset));
  const word = m ? m[0] : '';
  return { start: offset - word.length, word };
}
