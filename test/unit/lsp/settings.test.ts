// One typed settings definition: package.json's contributes.configuration must match it exactly, every setting
// documented and scoped; parseSettings reads VS Code's nested form and flat keys, and rejects bad values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { configurationContribution, DEFAULT_SETTINGS, parseSettings, SETTINGS } from '../../../server/src/settings';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

test('package.json contributes.configuration is exactly the typed definition', () => {
  assert.deepEqual(pkg.contributes.configuration, JSON.parse(JSON.stringify(configurationContribution())));
});

test('every setting has a markdownDescription, a scope and an order; enums have enumDescriptions', () => {
  const orders = new Set<number>();
  for (const [key, def] of Object.entries(SETTINGS)) {
    assert.ok(def.markdownDescription.length > 20, key);
    assert.ok(def.scope, key);
    assert.equal(typeof def.order, 'number', key);
    orders.add(def.order);
    if (def.enum) assert.equal(def.enumDescriptions?.length, def.enum.length, key);
  }
  assert.equal(orders.size, Object.keys(SETTINGS).length, 'orders are distinct');
});

test('the defaults in the definition are the defaults the server uses', () => {
  assert.deepEqual(parseSettings(undefined).settings, DEFAULT_SETTINGS);
  const flat: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(SETTINGS)) flat[key] = def.default;
  assert.deepEqual(parseSettings(flat).settings, DEFAULT_SETTINGS);
  assert.deepEqual(DEFAULT_SETTINGS.sources, ['sources/**/*.{md,txt}']);
});

test('the settings named in the issue are all there', () => {
  assert.deepEqual(Object.keys(SETTINGS).sort(), [
    'includeBundledCorpus',
    'languages',
    'severity.misquote',
    'severity.unknownSource',
    'severity.unverifiedQuote',
    'severity.wrongSpeaker',
    'sources',
    'trace.server',
    'unverifiedQuote.minWords',
  ]);
});

test('parseSettings reads the nested object VS Code sends and flat dotted keys', () => {
  const nested = parseSettings({ severity: { misquote: 'hint' }, unverifiedQuote: { minWords: 8 }, sources: ['notes/**/*.md'] });
  assert.equal(nested.settings.severity.misquote, 'hint');
  assert.equal(nested.settings.unverifiedQuote.minWords, 8);
  assert.deepEqual(nested.settings.sources, ['notes/**/*.md']);
  assert.deepEqual(nested.problems, []);
  const flat = parseSettings({ 'severity.wrongSpeaker': 'off', includeBundledCorpus: false });
  assert.equal(flat.settings.severity.wrongSpeaker, 'off');
  assert.equal(flat.settings.includeBundledCorpus, false);
});

test('bad values fall back to the default and are named', () => {
  const r = parseSettings({ severity: { misquote: 'loud' }, unverifiedQuote: { minWords: 0 }, sources: 'sources', languages: [1] });
  assert.equal(r.settings.severity.misquote, DEFAULT_SETTINGS.severity.misquote);
  assert.equal(r.settings.unverifiedQuote.minWords, 5);
  assert.deepEqual(r.settings.sources, DEFAULT_SETTINGS.sources);
  assert.deepEqual(r.settings.languages, DEFAULT_SETTINGS.languages);
  assert.equal(r.problems.length, 4);
  assert.match(r.problems[0], /verbatim\.sources/);
});

test('package.json declares the commands, the Sources view and the grammars the client uses', () => {
  const c = pkg.contributes;
  const commands = c.commands.map((x: { command: string }) => x.command);
  for (const id of ['verbatim.insertQuote', 'verbatim.openSource', 'verbatim.reindex', 'verbatim.insertQuoteFromView', 'verbatim.revealQuote'])
    assert.ok(commands.includes(id), id);
  const titles = Object.fromEntries(c.commands.map((x: { command: string; category: string; title: string }) => [x.command, `${x.category}: ${x.title}`]));
  assert.equal(titles['verbatim.insertQuote'], 'Verbatim: Insert Quote…');
  assert.equal(titles['verbatim.openSource'], 'Verbatim: Open Source');
  assert.equal(titles['verbatim.reindex'], 'Verbatim: Re-index Sources');
  assert.equal(c.views.explorer[0].id, 'verbatim.sources');
  assert.equal(c.views.explorer[0].name, 'Sources');
  const inline = c.menus['view/item/context'].find((m: { group: string; when: string }) => m.group === 'inline' && m.when.includes('verbatimQuote'));
  assert.equal(inline.command, 'verbatim.insertQuoteFromView');
  const src = readFileSync(join(__dirname, '..', '..', '..', 'client', 'src', 'extension.ts'), 'utf8');
  for (const id of commands) assert.ok(src.includes(`'${id}'`), `the client registers ${id}`);
});
