// The YAML-free reader of flat front matter (core/sources/simpleFields.ts): it reads the common form itself, and
// whenever it answers, the YAML parser (core schema, as frontMatter.ts calls it) gives the same fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { simpleFields } from '../../../server/src/core/sources/simpleFields';

const yaml = (text: string) => parseYaml(text, { schema: 'core', maxAliasCount: 10 }) ?? {};

test('the front matter of a BBC article is read without the YAML parser', () => {
  const text = 'id: bbc-politics-048\ntitle: "Anglers \'could face prosecution\'"\noutlet: BBC News\n';
  assert.deepEqual(simpleFields(text), { id: 'bbc-politics-048', title: "Anglers 'could face prosecution'", outlet: 'BBC News' });
  assert.deepEqual(simpleFields('date: 2021-12-07\r\nauthor:\r\ntitle: \'A "b" c\'  \r\n'), { date: '2021-12-07', author: null, title: 'A "b" c' });
});

test('what it is not sure of is left to the YAML parser', () => {
  for (const text of ['id: 007\n', 'title: true\n', 'title: [a, b]\n', 'title: a # note\n', '  title: a\n', 'title: a\ntitle: b\n', '# c\ntitle: a\n', 'title: "a\\tb"\n', 'title: a: b\n', 'title: ~\n', 'title: |\n  a\n'])
    assert.equal(simpleFields(text), undefined, JSON.stringify(text));
});

// Lines built from the pieces YAML treats specially, so that both answers and refusals are exercised.
const piece = fc.constantFrom(
  'a', 'B', ' ', '  ', '\t', ':', ': ', '#', ' #', '"', "'", '\\', '-', '?', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%',
  '@', '`', '~', '.', '+', '0', '7', 'e', 'x', 'null', 'True', 'FALSE', '.inf', '0x1F', '0o7', '2021-12-07', '12:30', '\r', '\u00e9',
  '“', '\u0085', '\ufeff', '\u2028', '\x01', '__proto__',
);
const value = fc.array(piece, { maxLength: 6 }).map((ps) => ps.join(''));
const key = fc.oneof(fc.constantFrom('id', 'title', 'outlet', 'date', 'url', 'author', 'x-y', '_k', 'a b', '1', 'Title', '__proto__'), value);
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key, fc.constantFrom(':', ': ', ':  ', ':\t', ' : '), value).map(([k, s, v]) => `${k}${s}${v}`) },
  { weight: 1, arbitrary: fc.tuple(key, fc.constantFrom(': "', ": '"), value, fc.constantFrom('"', "'", '" ', "' ", '"x')).map((p) => p.join('')) },
  { weight: 1, arbitrary: value },
);
const frontMatter = fc.tuple(fc.array(line, { maxLength: 5 }), fc.constantFrom('\n', '\r\n')).map(([ls, nl]) => ls.map((l) => l + nl).join(''));

test('whenever it answers, YAML gives the same fields', () => {
  let answered = 0;
  let total = 0;
  fc.assert(
    fc.property(frontMatter, (text) => {
      total++;
      const fast = simpleFields(text);
      if (fast === undefined) return;
      answered++;
      assert.deepEqual(fast, yaml(text), JSON.stringify(text));
    }),
    { seed: 20211207, numRuns: 3000 },
  );
  assert.ok(answered > total / 10, `the reader answered ${answered} of ${total}: the property would say little`);
});
