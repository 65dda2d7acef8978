// What every end-to-end test file shares: where the fixtures are, and what to do when a real editor is missing.
// Missing infrastructure skips a test, unless VERBATIM_E2E=1 (as in CI after setup.sh), where it fails it.
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export const REQUIRED = process.env.VERBATIM_E2E === '1';
export const ROOT = join(__dirname, '..', '..');
/** The workspace the real-editor tests open (copied fresh for every run). */
export const WORKSPACE = join(__dirname, 'fixtures', 'verbatim-workspace');
export const CORPUS_ID = 'bne-2021-12-07-putin-biden-summit';
export const CORPUS_TITLE = 'Putin-Biden summit fails to resolve the Ukraine military build-up crisis';
export const BIDEN_QUOTE = 'I don’t accept anybody’s red lines,';

/** A skip with a reason, or a failure when VERBATIM_E2E=1 says the infrastructure must be there. */
export function missing(t: TestContext, what: string): void {
  const msg = `${what} (run: bash test/e2e/setup.sh)`;
  if (REQUIRED) throw new Error(`VERBATIM_E2E=1 but ${msg}`);
  t.skip(msg);
}

/** The 0-based LSP position (UTF-16) of needle in text, plus delta characters. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}
