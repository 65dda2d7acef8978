import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/core/text/lineIndex';

test('positions are 0-based lines and UTF-16 characters, CRLF aware', () => {
  const text = 'ab\r\n😀“x”\nlast';
  const li = new LineIndex(text);
  assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
  const x = text.indexOf('x');
  assert.deepEqual(li.positionAt(x), { line: 1, character: 3 }); // the emoji is two UTF-16 units
  assert.equal(li.offsetAt({ line: 1, character: 3 }), x);
  assert.deepEqual(li.positionAt(text.length), { line: 2, character: 4 });
  assert.equal(li.offsetAt({ line: 9, character: 0 }), text.length);
  assert.equal(li.offsetAt({ line: 0, character: 99 }), 4, 'a character past the end clamps to the line end');
});
