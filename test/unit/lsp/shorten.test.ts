// `shorten` (completion labels, hovers) reads only the head of a long text: the same result as collapsing it whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shorten } from '../../../server/src/lsp/toProto';
import { rng } from '../index/support';

const whole = (s: string, max: number) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : one.slice(0, max - 1).trimEnd() + '…';
};

test('shorten: the same as collapsing the whole text, for long and short texts with runs of white space', () => {
  const random = rng(5);
  const pieces = ['word', ' ', '  ', '\n', '\t \n ', 'a', 'longer-word', '…', ' \u00a0 '];
  for (let n = 0; n < 3000; n++) {
    let s = '';
    const len = Math.floor(random() * 120);
    for (let i = 0; i < len; i++) s += pieces[Math.floor(random() * pieces.length)];
    if (random() < 0.2) s = ' '.repeat(Math.floor(random() * 400)) + s;
    const max = 5 + Math.floor(random() * 90);
    assert.equal(shorten(s, max), whole(s, max), JSON.stringify({ s, max }));
  }
});
