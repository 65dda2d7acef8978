// What the fixture draft (fixtures/verbatim-workspace/draft.md) is written to show: two correct quotations and one
// finding of each kind. Every real-editor test checks against this list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_ID, positionOf, WORKSPACE } from './env';

export const DRAFT_TEXT = readFileSync(join(WORKSPACE, 'draft.md'), 'utf8');

export interface ExpectedFinding {
  code: 'misquote' | 'wrong-speaker' | 'unverified-quote' | 'unknown-source';
  severity: 1 | 2; // LSP: 1 error, 2 warning (the default severities)
  /** The text the diagnostic's range covers (what VS Code underlines). */
  underlined: string;
  /** The message's first line (the misquote's message goes on with the source and draft wording). */
  message: string;
  line: number; // 0-based, from the fixture
  character: number; // UTF-16, from the fixture
}

/** anchor: text just before the underlined words, when they occur earlier in the draft too. */
function finding(f: Omit<ExpectedFinding, 'line' | 'character'>, anchor = ''): ExpectedFinding {
  return { ...f, ...positionOf(DRAFT_TEXT, anchor + f.underlined, anchor.length) };
}

export const DRAFT_FINDINGS: ExpectedFinding[] = [
  finding({
    code: 'misquote',
    severity: 2, // a changed word: a warning (only a flipped meaning is an error)
    underlined: 'This is not news, but rather a continuation of the media frenzy,',
    message: `Misquote of Dmitry Peskov (${CORPUS_ID}): the source has “hysteria” where the draft has “frenzy”.`,
  }),
  finding({
    code: 'wrong-speaker',
    severity: 2,
    underlined: 'Peskov', // the attribution after Blinken's words
    message: `Wrong speaker: ${CORPUS_ID} gives these words to Antony Blinken, not Peskov.`,
  }, 'renewed Russian aggression,” '),
  finding({
    code: 'unverified-quote',
    severity: 2,
    underlined: 'We will never allow Nato to move one more inch towards our borders,',
    message: 'Unverified quotation: no source has these 13 words. Check the wording, or add its source.',
  }),
  finding({
    code: 'unknown-source',
    severity: 2,
    underlined: 'tass-2021-12-08',
    message: `Unknown source @tass-2021-12-08: no source has this id. Did you mean @${CORPUS_ID}?`,
  }),
];

/** The code lens at the top of the fixture draft, before any edit. */
export const DRAFT_LENS = '6 quotations · 3 verified · 1 misquoted · 1 wrong speaker · 1 unverified';
