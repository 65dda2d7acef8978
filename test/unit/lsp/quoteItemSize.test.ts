// A quote completion item carries the whole quote once (in the edit): its filter text holds what was typed and only
// the quote's first 128 characters, all that VS Code's filter reads, so 50 long quotes do not travel twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceIndex } from '../../../server/src/core/index/sourceIndex';
import type { Quote } from '../../../server/src/core/types';
import { FILTER_QUOTE_CHARS, quoteCompletionItem } from '../../../server/src/lsp/toProto';

const index = { sourceById: () => undefined } as unknown as SourceIndex;
const range = { start: { line: 0, character: 9 }, end: { line: 0, character: 20 } };

function quote(text: string): Quote {
  return { id: 7, sourceId: 's', text, span: { start: 0, end: text.length }, speaker: 'Jane Doe', kind: 'statement', paragraph: { start: 0, end: text.length } };
}

function item(text: string, typed: string) {
  return quoteCompletionItem({ quote: quote(text), index, rank: 0, docKind: 'markdown', range, typed, after: '”', bySpeaker: false, lazyDocumentation: true });
}

test('quote item: a long quote is whole in the edit, and the filter text is what was typed and the quote’s start', () => {
  const long = 'We will not stop until every word of this very long quotation has been checked against its source, '.repeat(5);
  const it = item(long, 'We will nto');
  assert.equal(it.textEdit && 'newText' in it.textEdit ? it.textEdit.newText : undefined, `${long}”`);
  assert.equal(it.filterText, `We will nto ${long.slice(0, FILTER_QUOTE_CHARS)}`);
  // VS Code matches the typed text against the filter text's first 128 characters: they are the same as before.
  assert.equal(it.filterText!.slice(0, 128), `We will nto ${long}`.slice(0, 128));
  assert.equal(it.insertTextFormat, undefined, 'plain text is the default');
});

test('quote item: a short quote is whole in the filter text; nothing typed, the quote alone', () => {
  assert.equal(item('Short and sweet.', 'Sho').filterText, 'Sho Short and sweet.');
  assert.equal(item('Short and sweet.', '').filterText, 'Short and sweet.');
});

test('quote item: the filter text is not cut between the halves of a surrogate pair', () => {
  const text = `${'a'.repeat(FILTER_QUOTE_CHARS - 1)}😀 and more words after it`;
  const filter = item(text, '').filterText!;
  assert.equal(filter, 'a'.repeat(FILTER_QUOTE_CHARS - 1));
  assert.doesNotMatch(filter, /[\ud800-\udbff]$/);
});
