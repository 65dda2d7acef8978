// Completion as a writer sees it: what each item inserts, its label, detail and documentation, and the order.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { DEFAULT_CAPABILITIES, FIXTURES, TestClient, uriOf, endOf } from './helpers/lspClient';
import { indexOf } from './helpers/expected';
import type { SourceIndex } from '../../server/src/core/index/sourceIndex';

const WS = join(FIXTURES, 'workspace');
let n = 0;

describe('completion', () => {
  let client: TestClient;
  let index: SourceIndex;
  before(async () => {
    index = await indexOf(join(WS, 'sources'));
    ({ client } = await TestClient.ready({ workspace: WS }));
  });
  after(() => client?.stop());

  /** Opens a new draft holding `text` and asks for completion at its end (or at `cursor`). */
  async function complete(text: string, trigger?: string, cursor = endOf(text)): Promise<CompletionList | null> {
    const uri = uriOf(join(WS, 'drafts', `typing-${++n}.md`));
    client.open(uri, text);
    return client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: cursor,
      context: trigger ? { triggerKind: 2, triggerCharacter: trigger } : { triggerKind: 1 },
    });
  }
  const edit = (item: CompletionItem) => item.textEdit as TextEdit;

  test('inside an opened quotation: the matching source quote, its exact words and the closing mark', async () => {
    const text = 'Biden told reporters: “I don’t acc';
    const list = await complete(text);
    assert.ok(list && list.items.length > 0);
    const first = list.items[0];
    assert.match(edit(first).newText, /^I don’t accept anybody’s red lines,?”$/);
    assert.match(first.label, /^I don’t accept anybody’s red lines/);
    assert.match(first.detail!, /Putin-Biden summit fails to resolve the Ukraine military build-up crisis/);
    const doc = first.documentation as { kind: string; value: string };
    assert.equal(doc.kind, 'markdown');
    assert.match(doc.value, /\*\*I don’t accept anybody’s red lines,?\*\*/, 'the paragraph with the quoted words marked');
    assert.match(doc.value, /he told reporters on December 4/);
    assert.deepEqual(edit(first).range, { start: { line: 0, character: text.indexOf('“') + 1 }, end: endOf(text) });
    assert.equal(list.isIncomplete, true, 'the client asks again as the writer types');
  });

  test('straight marks, a typo and words from the middle still find the quote; the closing mark matches', async () => {
    const list = await complete('Blinken said "very serius consequences', '"');
    assert.ok(list && list.items.length > 0);
    const top = edit(list.items[0]).newText;
    assert.match(top, /there will be very serious consequences/);
    assert.ok(top.endsWith('"') && !top.endsWith('""'), top);
  });

  test('a closing mark already typed (auto-closed) is replaced, not doubled', async () => {
    const text = 'She said “We are not waiting”';
    const list = await complete(text, undefined, { line: 0, character: text.length - 1 });
    const item = list!.items.find((i) => edit(i).newText.startsWith('We are not waiting for anyone'))!;
    assert.ok(item, JSON.stringify(list!.items.map((i) => i.label)));
    assert.deepEqual(edit(item).range.end, endOf(text));
    assert.ok(edit(item).newText.endsWith('us,”') || edit(item).newText.endsWith('us”'));
  });

  test('editing inside a closed quotation replaces its words through the closing mark', async () => {
    const text = 'Biden said “I don’t red lines” before the call.';
    const cursor = { line: 0, character: text.indexOf(' red') };
    const list = await complete(text, undefined, cursor);
    const item = list!.items.find((i) => edit(i).newText.startsWith('I don’t accept anybody’s red lines'))!;
    assert.ok(item);
    assert.deepEqual(edit(item).range, { start: { line: 0, character: text.indexOf('“') + 1 }, end: { line: 0, character: text.indexOf('”') + 1 } });
  });

  test('the trigger character alone offers quotes (empty quotation), statements before fragments', async () => {
    const list = await complete('The spokesman said “', '“');
    assert.ok(list && list.items.length >= 10);
    const kindOf = (item: CompletionItem) => index.quotes().find((q) => `${q.text}”` === edit(item).newText)?.kind;
    const kinds = list.items.map(kindOf);
    assert.ok(!kinds.includes(undefined), 'every item inserts a source quote\'s exact words');
    const firstFragment = kinds.indexOf('fragment');
    if (firstFragment >= 0) assert.ok(!kinds.slice(firstFragment).includes('statement'), `statements first: ${kinds}`);
  });

  test('citation keys after [@, with the source title as detail', async () => {
    const list = await complete('As reported [@bne', '@');
    assert.deepEqual(
      list!.items.map((i) => i.label),
      ['bne-2021-12-07-putin-biden-summit'],
    );
    assert.equal(list!.items[0].detail, 'Putin-Biden summit fails to resolve the Ukraine military build-up crisis');
    assert.equal(edit(list!.items[0]).newText, 'bne-2021-12-07-putin-biden-summit');
    const all = await complete('Both sources [@', '@');
    assert.deepEqual(all!.items.map((i) => i.label).sort(), ['bne-2021-12-07-putin-biden-summit', 'kyiv-2021-12-08-interview']);
  });

  test('trigger characters outside their place offer nothing', async () => {
    assert.equal(await complete('email me @home', '@'), null);
    assert.equal(await complete('The weather was cold ', ' '), null);
    assert.equal(await complete('He said “quoted words” and ', ' '), null);
  });

  test('after a speaker and a reporting verb: that speaker\'s quotes, inserting the whole quotation with marks', async () => {
    const peskov = index.quotes().filter((q) => q.speaker === 'Dmitry Peskov');
    assert.ok(peskov.length >= 2, 'the seed article quotes Dmitry Peskov');
    for (const text of ['Peskov said ', 'According to Peskov, ']) {
      const list = await complete(text, ' ');
      assert.ok(list && list.items.length >= peskov.length, text);
      for (const item of list.items.slice(0, peskov.length)) {
        assert.match(edit(item).newText, /^“.+”$/s);
        assert.match(item.detail!, /^Dmitry Peskov/);
      }
    }
    const inside = await complete('Dmitry Peskov said “', '“');
    assert.match(inside!.items[0].detail!, /^Dmitry Peskov/, 'inside a quotation the named speaker comes first');
  });

  test('entity names with their canonical spelling and role', async () => {
    const zel = index.entities().find((e) => /Zelensk/.test(e.name));
    assert.ok(zel, 'the seed article names Volodymyr Zelenskiy');
    const list = await complete('Ukraine\'s president Zel');
    const item = list!.items.find((i) => i.label === zel.name);
    assert.ok(item, JSON.stringify(list!.items.map((i) => i.label)));
    assert.equal(edit(item).newText, zel.name);
    if (zel.role) assert.match(item.detail!, new RegExp(zel.role.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  test('a client that resolves items lazily gets the documentation from completionItem/resolve', async (t) => {
    const capabilities = {
      ...DEFAULT_CAPABILITIES,
      textDocument: {
        ...DEFAULT_CAPABILITIES.textDocument,
        completion: { completionItem: { documentationFormat: ['markdown' as const], resolveSupport: { properties: ['documentation'] } } },
      },
    };
    const { client: lazy } = await TestClient.ready({ workspace: WS, capabilities });
    t.after(() => lazy.stop());
    const uri = uriOf(join(WS, 'drafts', 'lazy.md'));
    const text = 'Biden told reporters: “I don’t acc';
    lazy.open(uri, text);
    const list = await lazy.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: endOf(text) });
    const first = list.items[0];
    assert.equal(first.documentation, undefined, 'no paragraph in the list itself');
    const resolved = await lazy.request<CompletionItem>('completionItem/resolve', first);
    assert.match((resolved.documentation as { value: string }).value, /\*\*I don’t accept anybody’s red lines,?\*\*/);
    assert.deepEqual(resolved.textEdit, first.textEdit);
  });

  test('a client that reads the list\'s shared edit range (VS Code) gets it once, each item only its text', async (t) => {
    const capabilities = {
      ...DEFAULT_CAPABILITIES,
      textDocument: {
        ...DEFAULT_CAPABILITIES.textDocument,
        completion: { ...DEFAULT_CAPABILITIES.textDocument!.completion, completionList: { itemDefaults: ['editRange'] } },
      },
    };
    const { client: shared } = await TestClient.ready({ workspace: WS, capabilities });
    t.after(() => shared.stop());
    const ask = async (c: TestClient, text: string) => {
      const uri = uriOf(join(WS, 'drafts', `shared-${++n}.md`));
      c.open(uri, text);
      return c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: endOf(text) });
    };
    for (const text of ['Biden told reporters: “I don’t acc', 'Blinken said ']) {
      const [plain, list] = [await ask(client, text), await ask(shared, text)];
      assert.ok(list.items.length > 0 && list.items.length === plain.items.length, text);
      // The same insertions over the same range as a client that gets an edit per item.
      assert.deepEqual(list.itemDefaults?.editRange, edit(plain.items[0]).range, text);
      assert.deepEqual(
        list.items.map((i) => [i.textEdit, i.textEditText]),
        plain.items.map((i) => [undefined, edit(i).newText]),
        text,
      );
    }
  });
});
