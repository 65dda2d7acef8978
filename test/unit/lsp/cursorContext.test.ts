// What the server reads around the cursor in a draft: an opened quotation, a speaker and verb, a citation key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  attributionBefore,
  citationKeyAt,
  citationKeyBefore,
  openQuotationAt,
} from '../../../server/src/lsp/cursorContext';

test('an opened quotation: curly, straight, closed, inch marks, other paragraphs', () => {
  assert.deepEqual(openQuotationAt('He said “I don’t acc', 20), { mark: 8, closing: '”', typed: 'I don’t acc' });
  assert.deepEqual(openQuotationAt('He said "red', 12), { mark: 8, closing: '"', typed: 'red' });
  assert.equal(openQuotationAt('He said “done” and ', 19), undefined);
  assert.equal(openQuotationAt('He said "done" and ', 19), undefined);
  assert.equal(openQuotationAt('a 12" screen', 12), undefined);
  assert.equal(openQuotationAt('“unclosed\n\nnext para', 20), undefined, 'a blank line ends a quotation');
  const multi = '“first line\nsecond';
  assert.equal(openQuotationAt(multi, multi.length)?.typed, 'first line\nsecond');
});

test('a speaker and a reporting verb before the cursor', () => {
  assert.equal(attributionBefore('Peskov said ', 12)?.name, 'Peskov');
  const long = 'Russian presidential spokesman Dmitry Peskov said “';
  assert.equal(attributionBefore(long, long.indexOf('“'))?.name, 'Dmitry Peskov');
  assert.equal(attributionBefore('according to Tim Ash, ', 22)?.name, 'Tim Ash');
  assert.equal(attributionBefore('According to Ash: ', 18)?.name, 'Ash');
  assert.equal(attributionBefore('Blinken told reporters: ', 24)?.name, 'Blinken');
  assert.equal(attributionBefore('Blinken said on Tuesday that ', 29)?.name, 'Blinken');
  assert.equal(attributionBefore('he said ', 8), undefined);
  assert.equal(attributionBefore('The weather was cold ', 21), undefined);
  const r = attributionBefore('So Peskov said ', 15)!;
  assert.equal('So Peskov said '.slice(r.start, r.end), r.name);
});

test('citation keys being typed and under the cursor', () => {
  assert.deepEqual(citationKeyBefore('See [@bne-20', 12), { start: 6, prefix: 'bne-20' });
  assert.deepEqual(citationKeyBefore('See [p. 3; @', 12), { start: 12, prefix: '' });
  assert.equal(citationKeyBefore('mail me @home', 13), undefined);
  assert.equal(citationKeyBefore('[@done] and @', 13), undefined);
  const text = 'As reported [see @a-1, p. 3; @kyiv-2021].';
  assert.deepEqual(citationKeyAt(text, text.indexOf('kyiv') + 2), { key: 'kyiv-2021', start: text.indexOf('kyiv'), end: text.indexOf('kyiv') + 9 });
  assert.equal(citationKeyAt(text, text.indexOf('a-1') + 1)?.key, 'a-1');
  assert.equal(citationKeyAt('email a@b.com', 8), undefined);
});
