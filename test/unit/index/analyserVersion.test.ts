// The index cache's analyser version without hashing the bundle at each start: scripts/build.mjs stamps each bundle
// with a hash of itself, and the version is made from that stamp; unstamped code (tsx, a watch build) hashes its code.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyserVersion, BUNDLE_STAMP, versionOf } from '../../../server/src/node/indexCache';

const DIST = join(__dirname, '..', '..', '..', 'dist');

test('a stamped bundle is versioned by its stamp; another stamp is another version', () => {
  const a = versionOf('0123456789abcdef0123456789');
  assert.match(a, /^[0-9a-f]{16}$/);
  assert.equal(versionOf('0123456789abcdef0123456789'), a);
  assert.notEqual(versionOf('0123456789abcdef0123456780'), a);
});

test('unstamped, the version is a hash of the code (the core under tsx), the same at each call', () => {
  assert.ok(BUNDLE_STAMP.startsWith('@@'), 'the sources are not stamped');
  assert.equal(versionOf(BUNDLE_STAMP), analyserVersion());
  assert.notEqual(analyserVersion(), versionOf('0123456789abcdef0123456789'));
});

test('the build stamps the server and the CLI with a hash of each bundle', (t) => {
  if (!existsSync(join(DIST, 'server.js'))) return t.skip('no dist/ (npm run build)');
  const stamps = ['server.js', 'cli.js'].map((f) => {
    const text = readFileSync(join(DIST, f), 'utf8');
    assert.ok(!text.includes(BUNDLE_STAMP), `${f} is stamped`);
    return /BUNDLE_STAMP = "([0-9a-f]+)"/.exec(text)?.[1];
  });
  assert.equal(stamps[0]?.length, BUNDLE_STAMP.length, 'the same length: the source map stays right');
  assert.notEqual(stamps[0], stamps[1]);
});
