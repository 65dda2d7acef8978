import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idFromPath, parseFrontMatter } from '../../../server/src/core/sources/frontMatter';

test('front matter fields are read and the body starts after the closing fence', () => {
  const text = '---\nid: abc-1\ntitle: "A: title"\noutlet: bne\ndate: 2021-12-07\n---\nBody “quote”.';
  const fm = parseFrontMatter(text);
  assert.deepEqual(fm.meta, { id: 'abc-1', title: 'A: title', outlet: 'bne', date: '2021-12-07' });
  assert.equal(text.slice(fm.bodyStart), 'Body “quote”.');
  assert.deepEqual(fm.problems, []);
});

test('no front matter: body is the whole text', () => {
  assert.equal(parseFrontMatter('Title\n\n---\nnot front matter').bodyStart, 0);
});

test('malformed YAML is reported and the body is still found', () => {
  const text = '---\ntitle: [unclosed\n---\nBody';
  const fm = parseFrontMatter(text);
  assert.equal(text.slice(fm.bodyStart), 'Body');
  assert.equal(fm.problems.length, 1);
  assert.match(fm.problems[0].message, /Malformed front matter/);
  assert.deepEqual(fm.problems[0].span, { start: 0, end: fm.bodyStart });
});

test('unclosed front matter is reported and the file is read as text', () => {
  const fm = parseFrontMatter('---\ntitle: x\nBody with no fence');
  assert.equal(fm.bodyStart, 0);
  assert.match(fm.problems[0].message, /never closed/);
});

test('a front matter id with spaces is refused with a message', () => {
  const fm = parseFrontMatter('---\nid: not an id\n---\n');
  assert.equal(fm.meta.id, undefined);
  assert.match(fm.problems[0].message, /may only hold/);
});

test('ids from file names are citation-key friendly', () => {
  assert.equal(idFromPath('/a/b/2021 Putin–Biden Summit.txt'), '2021-putin-biden-summit');
  assert.equal(idFromPath('C:\\x\\Zürich notes.md'), 'zurich-notes');
});

test('a YAML error names the line of the file, not of the front matter', () => {
  const fm = parseFrontMatter('---\nid: ok\ntitle: [unclosed\n---\nBody');
  assert.match(fm.problems[0].message, /at line 4, column/);
});

test('file names in other scripts give readable ids', () => {
  assert.equal(idFromPath('/s/Интервью Путина.txt'), 'интервью-путина');
  assert.equal(idFromPath('/s/東京.md'), '東京');
  assert.equal(parseFrontMatter('---\nid: интервью-1\n---\n').meta.id, 'интервью-1');
});
