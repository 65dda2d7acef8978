import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter } from '../../../server/src/core/sources/frontMatter';

const ROOT = join(__dirname, '..', '..', '..');
const BUNDLED = join(ROOT, 'corpus', 'bne-2021-12-07-putin-biden-summit.txt');
const SEED = join(ROOT, '..', 'shared', 'seed', '000_a07243aacd9d578d.txt');

test('the bundled article carries its metadata as front matter', () => {
  const fm = parseFrontMatter(readFileSync(BUNDLED, 'utf8'));
  assert.deepEqual(fm.problems, []);
  assert.equal(fm.meta.id, 'bne-2021-12-07-putin-biden-summit');
  assert.equal(fm.meta.outlet, 'bne IntelliNews');
  assert.equal(fm.meta.date, '2021-12-07');
  assert.match(fm.meta.title ?? '', /^Putin-Biden summit fails/);
});

test('the bundled article body is the seed article, verbatim', (t) => {
  if (!existsSync(SEED)) return t.skip(`seed article not found at ${SEED}`);
  const text = readFileSync(BUNDLED, 'utf8');
  assert.equal(text.slice(parseFrontMatter(text).bodyStart), readFileSync(SEED, 'utf8'));
});
