import type { Problem } from '../types';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin-1';
  problems: Problem[];
  /** True when the bytes are not text at all (NUL bytes, image signatures); `text` is then empty. */
  binary: boolean;
}

/** Files larger than this are not indexed (they are reported instead). */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

/**
 * Turns a file's bytes into text: a BOM decides first, then strict UTF-8, then Latin-1 (the one
 * fallback that never fails, and the encoding of older news archives). Binary files are refused.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const problems: Problem[] = [];
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', problems, binary: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', problems, binary: false };
  }
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (looksBinary(head)) {
    return {
      text: '',
      encoding: 'utf-8',
      binary: true,
      problems: [{ severity: 'warning', message: 'This file is binary, not text; it was not indexed.' }],
    };
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
    return { text, encoding: 'utf-8', problems, binary: false };
  } catch {
    problems.push({
      severity: 'information',
      message: 'This file is not valid UTF-8; it was read as Latin-1 (ISO-8859-1).',
    });
    return { text: new TextDecoder('latin1').decode(bytes), encoding: 'latin-1', problems, binary: false };
  }
}

function looksBinary(head: Uint8Array): boolean {
  // PNG, JPEG, GIF, PDF, ZIP signatures, or any NUL byte (text never has one outside UTF-16).
  const sig = (...b: number[]) => b.every((v, i) => head[i] === v);
  if (sig(0x89, 0x50, 0x4e, 0x47) || sig(0xff, 0xd8, 0xff) || sig(0x47, 0x49, 0x46, 0x38)) return true;
  if (sig(0x25, 0x50, 0x44, 0x46) || sig(0x50, 0x4b, 0x03, 0x04)) return true;
  return head.includes(0);
}
