import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText } from '../../../server/src/core/sources/decode';

const enc = (s: string) => new TextEncoder().encode(s);

test('UTF-8 text decodes as is, a UTF-8 BOM is dropped', () => {
  assert.equal(decodeText(enc('“Hello,” she said.')).text, '“Hello,” she said.');
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('abc')]);
  assert.equal(decodeText(withBom).text, 'abc');
});

test('Latin-1 bytes fall back to Latin-1 with a readable note', () => {
  const r = decodeText(new Uint8Array([0x22, 0xa3, 0x35, 0x30, 0x22])); // "£50" in ISO-8859-1
  assert.equal(r.text, '"£50"');
  assert.equal(r.encoding, 'latin-1');
  assert.match(r.problems[0].message, /not valid UTF-8.*Latin-1/);
});

test('UTF-16 with a byte-order mark decodes, both endians', () => {
  const s = '“Quote” — ok';
  const le = new Uint8Array(2 + s.length * 2);
  const be = new Uint8Array(2 + s.length * 2);
  le.set([0xff, 0xfe]);
  be.set([0xfe, 0xff]);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    le[2 + 2 * i] = c & 0xff;
    le[3 + 2 * i] = c >> 8;
    be[2 + 2 * i] = c >> 8;
    be[3 + 2 * i] = c & 0xff;
  }
  assert.equal(decodeText(le).text, s);
  assert.equal(decodeText(be).text, s);
});

test('a PNG renamed .txt is refused as binary with a message', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const r = decodeText(png);
  assert.equal(r.binary, true);
  assert.equal(r.text, '');
  assert.match(r.problems[0].message, /binary/);
});
