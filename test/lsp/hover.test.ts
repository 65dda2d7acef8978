// Hover as a writer sees it: the verdict, the speaker, the source (title, outlet, date), the paragraph with the
// quoted words marked, a link to the line; entities and citation keys; and source text that cannot inject markup.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { DEFAULT_CAPABILITIES, FIXTURES, TestClient, positionOf, uriOf } from './helpers/lspClient';
import { indexOf } from './helpers/expected';
import type { SourceIndex } from '../../server/src/core/index/sourceIndex';

const WS = join(FIXTURES, 'workspace');
const SUMMIT = join(WS, 'drafts', 'summit.md');
const SUMMIT_TEXT = readFileSync(SUMMIT, 'utf8');

async function hover(client: TestClient, uri: string, text: string, needle: string, delta = 0): Promise<MarkupContent | undefined> {
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, delta) });
  return h?.contents as MarkupContent | undefined;
}

describe('hover', () => {
  let client: TestClient;
  let index: SourceIndex;
  before(async () => {
    index = await indexOf(join(WS, 'sources'));
    ({ client } = await TestClient.ready({ workspace: WS }));
    client.open(uriOf(SUMMIT), SUMMIT_TEXT);
  });
  after(() => client?.stop());

  test('on a quotation: verified, the source, the paragraph with the words marked, a link to the line', async () => {
    const md = await hover(client, uriOf(SUMMIT), SUMMIT_TEXT, 'such an offer');
    assert.ok(md);
    assert.equal(md.kind, 'markdown');
    assert.match(md.value, /Verified/);
    assert.match(md.value, /\*Putin-Biden summit fails to resolve the Ukraine military build-up crisis\* · bne IntelliNews · 2021-12-07/);
    assert.match(md.value, /> .*Peskov said the Normandy Four.*\*\*is unlikely to receive such an offer from President Putin\. It is a self-sufficient platform\.?\*\*/);
    assert.match(md.value, /\[Open the source at line 89\]\(file:\/\/\/.*corpus\/bne-2021-12-07-putin-biden-summit\.txt#L89,\d+\)/);
    assert.doesNotMatch(md.value, /command:/);
    assert.match(md.value, /\*\*Dmitry Peskov\*\*, Russian presidential spokesman/, 'the speaker in bold, with the role');
  });

  test('on any part of the quotation, marks included, the same hover', async () => {
    const a = await hover(client, uriOf(SUMMIT), SUMMIT_TEXT, '“is unlikely');
    const b = await hover(client, uriOf(SUMMIT), SUMMIT_TEXT, 'platform.”', 'platform.”'.length - 1);
    assert.equal(a?.value, b?.value);
  });

  test('on a quotation no source holds', async () => {
    const md = await hover(client, uriOf(SUMMIT), SUMMIT_TEXT, 'every inch');
    assert.match(md!.value, /Not found in any source|unverified/i);
  });

  test('on a citation key: the source\'s title, outlet and date', async () => {
    const md = await hover(client, uriOf(SUMMIT), SUMMIT_TEXT, 'bne-2021-12-07-putin-biden-summit]', 5);
    assert.match(md!.value, /\*\*Putin-Biden summit fails to resolve the Ukraine military build-up crisis\*\*/);
    assert.match(md!.value, /bne IntelliNews · 2021-12-07/);
    const unknown = await hover(client, uriOf(SUMMIT), SUMMIT_TEXT, 'no-such-source', 3);
    assert.match(unknown!.value, /Unknown source \\?@no-such-source/);
  });

  test('on an entity name: who it is and how often quoted', async () => {
    const text = 'Volodymyr Zelenskiy met the press; Dmitry Peskov did not.\n';
    const entity = index.entities().find((e) => e.name === 'Dmitry Peskov' || e.aliases.includes('Dmitry Peskov'));
    assert.ok(entity, 'the seed article names Dmitry Peskov');
    const uri = uriOf(join(WS, 'drafts', 'entities.md'));
    client.open(uri, text);
    const md = await hover(client, uri, text, 'Peskov', 2);
    assert.match(md!.value, new RegExp(`\\*\\*${entity.name}\\*\\* — person`));
    assert.match(md!.value, /Quoted \d+ times? · mentioned \d+ times?/);
    if (entity.role) assert.ok(md!.value.includes(entity.role.split(' ')[0]), md!.value);
  });
});

describe('hover and completion escape untrusted source text', () => {
  const HOSTILE = join(FIXTURES, 'hostile');
  const DRAFT = join(HOSTILE, 'draft.md');
  const TEXT = readFileSync(DRAFT, 'utf8');
  const assertInert = (value: string) => {
    assert.doesNotMatch(value, /(?<!\\)\]\(command:/, value);
    assert.doesNotMatch(value, /(?<!\\)<(img|script)/, value);
    assert.doesNotMatch(value, /(?<!\\)`/, value);
  };

  test('links, HTML, backticks, emphasis and entities from a source show as text (Markdown client)', async (t) => {
    const { client } = await TestClient.ready({ workspace: HOSTILE });
    t.after(() => client.stop());
    // The source's title (front matter) in a citation hover.
    const text2 = 'See [@evil-source].\n';
    const uri2 = uriOf(join(HOSTILE, 'cite.md'));
    client.open(uri2, text2);
    const c = (await hover(client, uri2, text2, 'evil-source', 2))!;
    assert.equal(c.kind, 'markdown');
    assert.match(c.value, /Totally \\\[normal\\\]\\\(command:/, 'the title is escaped');
    assertInert(c.value);
    // The source's paragraph in completion documentation.
    const typing = 'They wrote "Click [he';
    const uri3 = uriOf(join(HOSTILE, 'typing.md'));
    client.open(uri3, typing);
    const list = await client.request<{ items: { documentation?: MarkupContent; textEdit?: { newText: string } }[] }>('textDocument/completion', {
      textDocument: { uri: uri3 },
      position: { line: 0, character: typing.length },
    });
    const item = list.items.find((i) => i.textEdit?.newText.startsWith('Click [here](command:'));
    assert.ok(item, 'the hostile quote is offered (its words are inserted as they are: that is the writer\'s text)');
    const doc = item.documentation!;
    assert.ok(doc.value.includes('\\[here\\]\\(command:workbench.action.terminal.new\\)'), doc.value);
    assert.match(doc.value, /\\\*free\\\*/);
    assert.match(doc.value, /\\&amp;/);
    assertInert(doc.value);
    // The quotation's own hover, when the checker matches it to the source.
    client.open(uriOf(DRAFT), TEXT);
    const md = (await hover(client, uriOf(DRAFT), TEXT, 'rm -rf'))!;
    assertInert(md.value);
  });

  test('a plain-text client gets plain text, unescaped', async (t) => {
    const capabilities = { ...DEFAULT_CAPABILITIES, textDocument: { ...DEFAULT_CAPABILITIES.textDocument, hover: { contentFormat: ['plaintext' as const] } } };
    const { client } = await TestClient.ready({ workspace: HOSTILE, capabilities });
    t.after(() => client.stop());
    const text = 'See [@evil-source].\n';
    const uri = uriOf(join(HOSTILE, 'cite.md'));
    client.open(uri, text);
    const c = (await hover(client, uri, text, 'evil-source', 2))!;
    assert.equal(c.kind, 'plaintext');
    assert.ok(c.value.includes('Totally [normal](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> title'), c.value);
    assert.ok(c.value.includes('`rm -rf /` Weekly'), c.value);
  });
});
