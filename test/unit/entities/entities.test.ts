// People, organisations and places, with aliases, roles and mentions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../../server/src/core/sources/analyze';
import type { Entity } from '../../../server/src/core/types';

function entities(text: string): Map<string, Entity> {
  return new Map(analyzeSource('t.txt', text).entities.map((e) => [e.name, e]));
}

test('a person: canonical full name, surname and titled aliases, role from the pre-modifier, every mention', () => {
  const text = 'Russian President Vladimir Putin met Biden. President Putin said little. Putin’s aide spoke.';
  const e = entities(text).get('Vladimir Putin')!;
  assert.equal(e.type, 'person');
  assert.equal(e.role, 'Russian President');
  assert.ok(e.aliases.includes('Putin') && e.aliases.includes('President Putin'), e.aliases.join(', '));
  assert.deepEqual(e.mentions.map((m) => text.slice(m.span.start, m.span.end)), ['Vladimir Putin', 'Putin', 'Putin']);
});

test('roles and affiliations from appositives (comma and dash) and from lower-case pre-modifiers', () => {
  const es = entities(
    'A boycott is senseless, Liu Mingche, counsellor of the Chinese Embassy to Russia, said. ' +
      'Zhang Hanhui — Chinese Ambassador to Moscow — agreed. ' +
      'But Russian presidential spokesman Dmitry Peskov poured cold water on it. ' +
      '"Buy," said Tim Ash, senior sovereign strategist at BlueBay Asset Management.',
  );
  assert.equal(es.get('Liu Mingche')?.role, 'counsellor');
  assert.equal(es.get('Liu Mingche')?.affiliation, 'Chinese Embassy to Russia');
  assert.equal(es.get('Zhang Hanhui')?.role, 'Chinese Ambassador to Moscow');
  assert.equal(es.get('Dmitry Peskov')?.role, 'Russian presidential spokesman');
  assert.equal(es.get('Tim Ash')?.role, 'senior sovereign strategist');
  assert.equal(es.get('Tim Ash')?.affiliation, 'BlueBay Asset Management');
  assert.equal(es.get('BlueBay Asset Management')?.type, 'organization');
});

test('names learnt from reporting verbs, non-Anglo names included; surname-first names keep their first word as alias', () => {
  const text = '"China is banking on the visit," Chinese Ambassador Zhang Hanhui told a press conference. "I hope it succeeds," Zhang said.';
  const e = entities(text).get('Zhang Hanhui')!;
  assert.equal(e.type, 'person');
  assert.ok(e.aliases.includes('Zhang'));
  assert.equal(e.mentions.length, 2);
  const s = analyzeSource('t.txt', text).quotes.map((q) => q.speaker);
  assert.deepEqual(s, ['Zhang Hanhui', 'Zhang Hanhui']);
});

test('organisations by their last word or head, places from the gazetteer', () => {
  const es = entities(
    'The Centre for Strategic and International Studies said in a paper that Sova Capital and the Russian Foreign Ministry met in Moscow near the Sea of Japan.',
  );
  assert.equal(es.get('Centre for Strategic and International Studies')?.type, 'organization');
  assert.equal(es.get('Sova Capital')?.type, 'organization');
  assert.equal(es.get('Russian Foreign Ministry')?.type, 'organization');
  assert.equal(es.get('Moscow')?.type, 'place');
  assert.equal(es.get('Sea of Japan')?.type, 'place');
});

test('sentence-initial words, headings, months and weekdays are not entities', () => {
  const es = entities('Red Lines and a Nato guarantee\n\nHowever, on Monday in December the talks failed. Analysts say Talking tough works. Going into the meeting, nothing changed.');
  const names = [...es.keys()];
  for (const bad of ['Red Lines', 'However', 'Monday', 'December', 'Analysts', 'Talking', 'Going']) assert.ok(!names.includes(bad), `${bad} in ${names.join(', ')}`);
  assert.ok(names.includes('Nato'));
});

test('acronyms defined in brackets become aliases', () => {
  const e = entities('The Shanghai Cooperation Organisation (SCO) met. The SCO agreed.').get('Shanghai Cooperation Organisation')!;
  assert.ok(e.aliases.includes('SCO'));
  assert.equal(e.mentions.length, 3);
});

test('a title after a given name is a surname (Paul King, John Major)', () => {
  const es = entities('Not least, said Paul King, principal security consultant at Cisco. Former prime minister John Major agreed.');
  assert.equal(es.get('Paul King')?.type, 'person');
  assert.equal(es.get('John Major')?.type, 'person');
});
