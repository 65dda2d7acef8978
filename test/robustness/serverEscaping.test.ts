// Completion documentation built from a hostile source, through the running server, rendered as Markdown. What
// test/lsp/hover.test.ts already holds (eager documentation of a quote inside a quotation: a command: link, <img>,
// emphasis and an entity escaped; the citation hover's title) is not repeated. This adds:
//  - the documentation VS Code actually shows, which comes lazily from completionItem/resolve;
//  - the whole-quotation items after "<speaker> said ", eager and resolved;
//  - a quoted paragraph whose lines are Markdown blocks of their own (ATX and setext headings, a raw HTML block,
//    a fenced code block, a table, a list, a block quote, a link reference definition, an HTML comment), an image,
//    autolinks, and a title and outlet in front matter holding a heading, a script and a command: link;
//  - a plain-text client getting the source's characters as they are;
//  - a front-matter `url: command:…` that must not become a link in the citation hover.
// Each documentation string is rendered with markdown-it (HTML on, GFM autolinks on: stricter than VS Code, which has
// HTML off for Verbatim) and must hold only the elements Verbatim writes itself, with every hostile fragment as text.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { DEFAULT_CAPABILITIES, TestClient, uriOf } from '../lsp/helpers/lspClient';
import { tempDir } from './support/helpers';

let render: ((md: string) => string) | undefined;
try {
  // markdown-it comes with the packaging tools (as in test/unit/lsp/markdown.test.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const MarkdownIt = require('markdown-it');
  const md = new MarkdownIt({ html: true, linkify: true });
  md.linkify.set({ fuzzyLink: false });
  render = (s: string) => md.render(s);
} catch {
  render = undefined;
}

const COMMAND = 'command:workbench.action.terminal.new';
const QUOTE = `Press [here](${COMMAND}) and ![pic](https://evil.example/p.png) then <script>alert(1)</script> or \`rm -rf /\` for **free**`;

// One paragraph (no blank line inside), so all of it is the documentation's quoted passage.
const SOURCE = `---
id: hostile-2024
title: "# Title heading <script>alert('t')</script> [t](${COMMAND})"
outlet: "\`Outlet\` <img src=x onerror=alert(2)> __bold__"
date: 2024-01-02
url: "${COMMAND}"
---
Ada Hacker, the minister, spoke at the launch on Tuesday.

# A heading line inside the paragraph
"${QUOTE}," said Ada Hacker at the launch.
## A second heading line
<details open><summary>a raw HTML block</summary>
Setext underline follows
===
\`\`\`
fenced code
\`\`\`
| a | b |
- a list item
> a block quote
<!-- an HTML comment -->
[ref]: ${COMMAND}
See https://evil.example/autolink and <${COMMAND}> and www.evil.example today.
`;

/** Fragments of the source that must show as their own characters (whitespace collapsed). */
const LITERAL = [
  `[here](${COMMAND})`,
  '![pic](https://evil.example/p.png)',
  '<script>alert(1)</script>',
  '`rm -rf /`',
  '**free**',
  '# A heading line inside the paragraph',
  '## A second heading line',
  '<details open><summary>a raw HTML block</summary>',
  '===',
  '```',
  '| a | b |',
  '- a list item',
  '> a block quote',
  '<!-- an HTML comment -->',
  `[ref]: ${COMMAND}`,
  'https://evil.example/autolink',
  `<${COMMAND}>`,
  'www.evil.example',
];

const ALLOWED = new Set(['p', 'em', 'strong', 'blockquote', 'br']);

/** Renders Markdown and checks its elements; returns the visible text, entities decoded, whitespace collapsed. */
function rendered(md: string, allowLinks: (href: string) => boolean = () => false): string {
  const html = render!(md);
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const tag = m[1].toLowerCase();
    if (tag === 'a') {
      if (m[0].startsWith('</')) continue;
      const href = /href="([^"]*)"/.exec(m[2])?.[1] ?? '';
      assert.ok(allowLinks(href), `a link to ${href} in:\n${md}\n→ ${html}`);
      continue;
    }
    assert.ok(ALLOWED.has(tag), `<${tag}> rendered from:\n${md}\n→ ${html}`);
  }
  assert.doesNotMatch(html, /<!--/, 'no HTML comment passes through');
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function assertShowsAsText(doc: MarkupContent | string | undefined, fragments = LITERAL): void {
  assert.ok(doc && typeof doc !== 'string', 'the item has Markdown documentation');
  assert.equal(doc.kind, 'markdown');
  const text = rendered(doc.value);
  for (const f of fragments) assert.ok(text.includes(f), `"${f}" is not shown as text in:\n${doc.value}\n(visible: ${text})`);
}

const LAZY = {
  ...DEFAULT_CAPABILITIES,
  textDocument: {
    ...DEFAULT_CAPABILITIES.textDocument,
    completion: { completionItem: { documentationFormat: ['markdown' as const, 'plaintext' as const], resolveSupport: { properties: ['documentation'] } }, contextSupport: true },
  },
};

function workspace(): string {
  const ws = tempDir('verbatim-hostile-');
  mkdirSync(join(ws, 'sources'));
  writeFileSync(join(ws, 'sources', 'hostile.md'), SOURCE);
  return ws;
}

const edit = (i: CompletionItem) => i.textEdit as TextEdit;

async function complete(client: TestClient, ws: string, name: string, text: string, trigger?: string): Promise<CompletionItem[]> {
  const uri = uriOf(join(ws, `${name}.md`));
  client.open(uri, text);
  const list = await client.request<CompletionList | null>('textDocument/completion', {
    textDocument: { uri },
    position: { line: 0, character: text.length },
    context: trigger ? { triggerKind: 2, triggerCharacter: trigger } : { triggerKind: 1 },
  });
  return list?.items ?? [];
}

test('completion documentation from a hostile source renders as text, eager and resolved, in both completion places', { timeout: 120_000 }, async (t) => {
  if (!render) return t.skip('markdown-it is not installed');
  const ws = workspace();
  for (const [mode, capabilities] of [['eager', DEFAULT_CAPABILITIES], ['resolved', LAZY]] as const) {
    const { client } = await TestClient.ready({ workspace: ws, capabilities });
    t.after(() => client.stop());
    const places = [
      { where: 'inside a quotation', text: 'They said “Press [he', trigger: undefined },
      { where: 'after "Ada Hacker said "', text: 'Ada Hacker said ', trigger: ' ' },
    ];
    for (const [k, p] of places.entries()) {
      const items = await complete(client, ws, `${mode}-${k}`, p.text, p.trigger);
      const item = items.find((i) => edit(i).newText.includes(`Press [here](${COMMAND})`));
      assert.ok(item, `${mode}, ${p.where}: the hostile quote is offered: ${JSON.stringify(items.map((i) => i.label))}`);
      let doc = item.documentation;
      if (mode === 'resolved') {
        assert.equal(doc, undefined, 'a resolving client gets the documentation from completionItem/resolve');
        doc = (await client.request<CompletionItem>('completionItem/resolve', item)).documentation;
      }
      assertShowsAsText(doc as MarkupContent);
      // The byline: the front matter's title and outlet.
      assertShowsAsText(doc as MarkupContent, ["# Title heading <script>alert('t')</script>", `[t](${COMMAND})`, '`Outlet` <img src=x onerror=alert(2)> __bold__']);
    }
  }
});

test('a plain-text client gets the source\'s characters in completion documentation, unescaped', { timeout: 120_000 }, async (t) => {
  const ws = workspace();
  const capabilities = {
    ...DEFAULT_CAPABILITIES,
    textDocument: { ...DEFAULT_CAPABILITIES.textDocument, completion: { completionItem: { documentationFormat: ['plaintext' as const] }, contextSupport: true } },
  };
  const { client } = await TestClient.ready({ workspace: ws, capabilities });
  t.after(() => client.stop());
  const items = await complete(client, ws, 'plain', 'They said “Press [he');
  const item = items.find((i) => edit(i).newText.includes(`Press [here](${COMMAND})`));
  const doc = item?.documentation as MarkupContent;
  assert.equal(doc?.kind, 'plaintext');
  for (const f of [`[here](${COMMAND})`, '<script>alert(1)</script>', '# A heading line inside the paragraph', '`rm -rf /`']) {
    assert.ok(doc.value.includes(f), `"${f}" in:\n${doc.value}`);
  }
  assert.doesNotMatch(doc.value, /\\[[\]`#<*]/, 'no Markdown escapes in plain text');
});

test('a front-matter url that is not http(s) is shown, never linked, in the citation hover', { timeout: 120_000 }, async (t) => {
  if (!render) return t.skip('markdown-it is not installed');
  const ws = workspace();
  const { client } = await TestClient.ready({ workspace: ws });
  t.after(() => client.stop());
  const text = 'As reported [@hostile-2024].';
  const uri = uriOf(join(ws, 'cite.md'));
  client.open(uri, text);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: text.indexOf('hostile') + 2 } });
  const md = hover?.contents as MarkupContent;
  assert.equal(md?.kind, 'markdown');
  const visible = rendered(md.value, (href) => href.startsWith('file:'));
  assert.ok(visible.includes(COMMAND), `the url is shown as text: ${visible}`);
  assert.ok(visible.includes("# Title heading <script>alert('t')</script>"), visible);
});
