// Speakers: reporting verbs before and after, the patterns of news English, pronouns, role nouns, organisations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../../server/src/core/sources/analyze';

/** quote text → speaker, for every quote of a small article. */
function speakers(text: string): Record<string, string | null> {
  return Object.fromEntries(analyzeSource('t.txt', text).quotes.map((q) => [q.text, q.speaker]));
}

test('inverted cue with an appositive, and a possessive organisation form of the surname', () => {
  const s = speakers(
    '“It’s encouraging to see the West align,” said Tim Ash, senior sovereign strategist at BlueBay Asset Management, in an emailed note.\n\n' +
      'Markets fell.\n\n“The West does not have much stick,” said BlueBay Asset Management\'s Ash.',
  );
  assert.deepEqual(s, { 'It’s encouraging to see the West align,': 'Tim Ash', 'The West does not have much stick,': 'Tim Ash' });
});

test('a pre-modified name before the verb; the canonical full name for a surname', () => {
  const s = speakers(
    'Russian presidential spokesman Dmitry Peskov poured cold water on the idea.\n\n' +
      '"This is not news, but media hysteria," Russian presidential spokesman Dmitry Peskov said.\n\n' +
      '"It is a self-sufficient platform," Peskov added.',
  );
  assert.deepEqual(Object.values(s), ['Dmitry Peskov', 'Dmitry Peskov']);
});

test('split quotes share the speaker and a group', () => {
  const a = analyzeSource('t.txt', '"It is not an alliance aimed at Russia," Antony Blinken continued. "The only aggression has been from Russia.”');
  assert.deepEqual(a.quotes.map((q) => q.speaker), ['Antony Blinken', 'Antony Blinken']);
  assert.ok(a.quotes[0].group !== undefined && a.quotes[0].group === a.quotes[1].group);
  assert.deepEqual(a.quotes.map((q) => q.kind), ['statement', 'statement']);
});

test('pronouns go to the person the text is about, skipping people named inside quotes', () => {
  const s = speakers(
    'A US-led boycott is "a senseless desecration of the Olympic spirit" that would harm athletes, Liu Mingche, counsellor of the Chinese Embassy to Russia, said on December 7. ' +
      '"The so-called boycott [of the Olympics by the US] damages the interests of athletes, says President Joe Biden," he stressed.',
  );
  assert.equal(s['The so-called boycott [of the Olympics by the US] damages the interests of athletes, says President Joe Biden,'], 'Liu Mingche');
  assert.equal(s['a senseless desecration of the Olympic spirit'], 'Liu Mingche');
});

test('she goes to a woman, not to the man named last', () => {
  const s = speakers('Ms Patricia Hewitt met Mr John Brown on Monday. "We have made a firm commitment," she said.');
  assert.deepEqual(Object.values(s), ['Patricia Hewitt']);
});

test('role nouns resolve to the person holding the role', () => {
  const s = speakers(
    '"The agenda is obvious," Kremlin Aide Yuri Ushakov said before the meeting.\n\n' +
      'Separately, Putin met Biden.\n\n' +
      '"It is a very old issue. Nato gave assurances," the Kremlin aide said.',
  );
  assert.deepEqual(Object.values(s), ['Yuri Ushakov', 'Yuri Ushakov']);
});

test('organisations as speakers: "said in a note", "according to the communique", "the … statement read"', () => {
  const s = speakers(
    'The White House readout was brief.\n\n' +
      '“The presidents discussed Iran,” the White Statement read.\n\n' +
      '“If the US takes action, we think an easy sanction would be best,” Sova Capital said in a note.\n\n' +
      'The leaders supported the talks, the Elysee Palace said in a statement on the morning of the summit.\n\n' +
      '"On Monday the French President [Emmanuel Macron] held talks ...the sides agreed," according to the communique.',
  );
  assert.deepEqual(Object.values(s), ['White House', 'Sova Capital', 'Elysee Palace']);
});

test('a cue before the quote, with a colon', () => {
  const s = speakers('Trade Secretary Patricia Hewitt announced the plans. Ms Hewitt said: "We have already doubled the length of maternity pay."');
  assert.deepEqual(Object.values(s), ['Patricia Hewitt']);
});

test('continuation paragraphs with no cue inherit the speaker of the quote they continue', () => {
  const s = speakers(
    'The head of the unit, Mick Deats, said: "This investigation has resulted in disruption.\n\n' +
      '"We believe the suspects trafficked 1.7 million cards."\n\nOther news follows here.',
  );
  assert.deepEqual(Object.values(s), ['Mick Deats', 'Mick Deats']);
});

test('"In his opinion" and participle cues', () => {
  const s = speakers(
    '"The only threat is Russian aggression," Antony Blinken added. In his opinion, Moscow’s actions "have precipitated Nato shoring up its own defences closer to Russia."',
  );
  assert.deepEqual(Object.values(s), ['Antony Blinken', 'Antony Blinken']);
});

test('quotes nobody is named for keep a null speaker', () => {
  const s = speakers('Moscow cannot tolerate what has been described as a “giant unsinkable aircraft carrier parked on its border.”');
  assert.deepEqual(Object.values(s), [null]);
});
