import type { Problem } from '../types';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin-1';
  problems: Problem[];
  /** True when the bytes are not text at all (NUL bytes, image signatures); `text` is then empty. */
  binary: boolean;
}

/**
 * Files larger than this are not indexed (they are reported instead). A source is an article, a transcript or a
 * report; a file over 20 MB is a dump or a log, and holding it (twice that in memory as UTF-16) would stall the server.
 */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

/**
 * Turns a file's bytes into text: a BOM decides first, then strict UTF-8, then mostly-UTF-8 with the bad bytes
 * replaced, then Latin-1 read as Windows-1252 (the one fallback that never fails, and the encoding of older news
 * archives and of text pasted from the web). Binary files are refused. Never throws.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const result = decode(bytes);
  if (!result.binary && result.text.trim() === '') {
    result.problems.push({
      severity: 'information',
      message: bytes.length === 0 ? 'This file is empty; there is nothing to index.' : 'This file holds only blank space; there is nothing to index.',
    });
  }
  return result;
}

function decode(bytes: Uint8Array): DecodedText {
  const problems: Problem[] = [];
  const utf16 = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    const body = bytes.subarray(2);
    try {
      return { text: new TextDecoder(utf16, { fatal: true }).decode(body), encoding: utf16, problems, binary: false };
    } catch {
      problems.push({
        severity: 'warning',
        message: `This file starts with a ${utf16.toUpperCase()} byte-order mark but is not valid ${utf16.toUpperCase()}; the invalid parts were replaced with “\uFFFD”.`,
      });
      return { text: new TextDecoder(utf16).decode(body), encoding: utf16, problems, binary: false };
    }
  }
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  const binaryKind = looksBinary(head);
  if (binaryKind) {
    return {
      text: '',
      encoding: 'utf-8',
      binary: true,
      problems: [{ severity: 'warning', message: `This file is binary (${binaryKind}), not text; it was not indexed.` }],
    };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bytes.subarray(bom ? 3 : 0);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', problems, binary: false };
  } catch {
    // Not clean UTF-8. A UTF-8 BOM, or more well-formed multi-byte sequences than bad bytes, says it is UTF-8
    // with a few damaged bytes (a bad paste, a truncated download); otherwise it is a single-byte encoding.
    const evidence = utf8Evidence(body);
    if (bom || evidence.valid > evidence.invalid) {
      problems.push({
        severity: 'warning',
        message: `This file is not entirely valid UTF-8 (first bad byte on line ${evidence.firstInvalidLine}); ${evidence.invalid} bad byte${evidence.invalid === 1 ? ' was' : 's were'} replaced with “\uFFFD”.`,
      });
      return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', problems, binary: false };
    }
    problems.push({
      severity: 'information',
      message: 'This file is not valid UTF-8; it was read as Latin-1 (ISO-8859-1, with the Windows-1252 quote marks and dashes).',
    });
    return { text: decodeWindows1252(bytes), encoding: 'latin-1', problems, binary: false };
  }
}

/** What kind of binary file this looks like, or undefined when it looks like text. */
function looksBinary(head: Uint8Array): string | undefined {
  const sig = (...b: number[]) => b.every((v, i) => head[i] === v);
  if (sig(0x89, 0x50, 0x4e, 0x47)) return 'a PNG image';
  if (sig(0xff, 0xd8, 0xff)) return 'a JPEG image';
  if (sig(0x47, 0x49, 0x46, 0x38)) return 'a GIF image';
  if (sig(0x25, 0x50, 0x44, 0x46)) return 'a PDF document; save it as plain text to use it as a source';
  if (sig(0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive, such as a Word or EPUB file; save it as plain text to use it as a source';
  // Text never holds a NUL byte outside UTF-16. NULs only at odd (or only at even) offsets are UTF-16 without a BOM.
  const first = head.indexOf(0);
  if (first < 0) return undefined;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 ? odd++ : even++;
  if (head.length >= 4 && (odd === 0 || even === 0) && odd + even >= head.length / 4)
    return 'it looks like UTF-16 text without a byte-order mark; save it as UTF-8 to use it as a source';
  return 'it contains NUL bytes';
}

/** Counts well-formed UTF-8 multi-byte sequences and bytes that fit none (a heuristic, not a validator). */
function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number; firstInvalidLine: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const tail = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = tail > 0 && i + tail < bytes.length;
    for (let k = 1; ok && k <= tail; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += tail + 1;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    }
  }
  let line = 1;
  for (let i = 0; i < firstInvalid; i++) if (bytes[i] === 0x0a) line++;
  return { valid, invalid, firstInvalidLine: line };
}

// Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F, where it has curly quotes, dashes and the euro sign instead of
// invisible C1 controls. Node's TextDecoder('latin1') gives the controls on some versions, so the table is applied here.
const WINDOWS_1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes).replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_80_9F[c.charCodeAt(0) - 0x80]);
}
