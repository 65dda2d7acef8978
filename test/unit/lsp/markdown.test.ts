// escapeMarkdown is the one function between source text and Markdown: whatever a source holds shows as text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeMarkdown, Markup, safeLinkTarget } from '../../../server/src/lsp/markdown';

// markdown-it comes with the packaging tools; it renders CommonMark as VS Code's hover does (close enough to prove escaping).
let render: ((md: string) => string) | undefined;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const MarkdownIt = require('markdown-it');
  const md = new MarkdownIt({ html: true, linkify: true });
  md.linkify.set({ fuzzyLink: false }); // GFM autolinks (as VS Code's renderer): scheme://, www., e-mail
  render = (s: string) => md.render(s);
} catch {
  render = undefined;
}

const HOSTILE = [
  '[x](command:workbench.action.terminal.new)',
  '![img](https://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '`rm -rf /`',
  '```\ncode\n```',
  '# heading',
  '## heading\nnext line',
  '> quoted',
  '- list item',
  '1. ordered',
  '2) ordered',
  '*em* _em_ **strong** __strong__ ~~strike~~',
  '&lt;b&gt; &amp; &#x41;',
  '| a | b |\n|---|---|',
  '<command:evil>',
  '[ref]: command:evil',
  'a\\*b back\\slash',
  '===\n---',
  '+ plus',
  '$x^2$ {braces}',
  'see https://evil.example/x and www.evil.example and mailto:a@b.example or a@b.example',
];

test('escaped source text renders as exactly its own characters, on one line', (t) => {
  if (!render) return t.skip('markdown-it is not installed');
  for (const s of HOSTILE) {
    const html = render(escapeMarkdown(s)).trim();
    const oneLine = s.replace(/\s+/g, ' ');
    const text = html
      .replace(/^<p>|<\/p>$/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    assert.equal(text, oneLine, `${JSON.stringify(s)} → ${html}`);
    assert.doesNotMatch(html, /<(a|img|script|code|h\d|blockquote|ul|ol|li|em|strong|s|table|pre)\b/, `${JSON.stringify(s)} → ${html}`);
  }
});

test('no command: link or raw HTML survives escaping, checked without a renderer', () => {
  for (const s of HOSTILE) {
    const e = escapeMarkdown(s);
    assert.doesNotMatch(e, /(?<!\\)[[\]()<>`*_#|~&!@]|(?<!\\):\/\//, `${JSON.stringify(s)} → ${e}`);
    assert.doesNotMatch(e, /\n/);
  }
});

test('ordinary prose stays readable', () => {
  assert.equal(escapeMarkdown('It is a self-sufficient platform.'), 'It is a self-sufficient platform.');
  assert.equal(escapeMarkdown('“I don’t accept anybody’s red lines,” he said.'), '“I don’t accept anybody’s red lines,” he said.');
});

test('links are built only to file and http(s) URIs, with delimiters encoded', () => {
  assert.equal(safeLinkTarget('command:workbench.action.terminal.new'), undefined);
  assert.equal(safeLinkTarget('javascript:alert(1)'), undefined);
  assert.equal(safeLinkTarget('file:///a/b (1).txt#L3'), 'file:///a/b%20%281%29.txt#L3');
  const m = new Markup('markdown').link('Open [it]', 'command:evil').toString();
  assert.equal(m, 'Open [it]', 'a link to a refused URI is plain text');
  assert.equal(new Markup('markdown').link('x', 'https://example.com/a)b').toString(), '[x](https://example.com/a%29b)');
});

test('Markup marks the quoted words in a paragraph and escapes around them', (t) => {
  const para = 'He said "[x](command:y) is *fine*" and left.';
  const start = para.indexOf('[x]');
  const end = para.indexOf('" and');
  const md = new Markup('markdown').quoteBlock(para, [{ start, end }]).toString();
  assert.equal(md, '> He said "**\\[x\\]\\(command:y\\) is \\*fine\\***" and left.');
  if (render) {
    const html = render(md);
    assert.match(html, /<strong>\[x\]\(command:y\) is \*fine\*<\/strong>/);
    assert.doesNotMatch(html, /<a /);
  } else t.diagnostic('markdown-it missing: rendering not checked');
  assert.equal(new Markup('plaintext').quoteBlock(para, [{ start, end }]).toString(), 'He said "[[x](command:y) is *fine*]" and left.');
});
