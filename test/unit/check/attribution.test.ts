import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDraft } from '../../../server/src/core/check/draft';
import { DraftAttributor } from '../../../server/src/core/check/attribution';
import { SpeakerMatcher, sameByName } from '../../../server/src/core/check/speakers';

const people = new SpeakerMatcher(
  [
    { name: 'Tim Ash', type: 'person', aliases: ['Ash'], affiliation: 'BlueBay Asset Management', mentions: [] },
    { name: 'Joseph R. Biden, Jr.', type: 'person', aliases: ['Biden', 'President Biden'], mentions: [] },
    { name: 'Moscow', type: 'place', aliases: [], mentions: [] },
  ],
  ['Dmitry Peskov', 'Angela Merkel'],
);

function who(text: string): Array<string | undefined> {
  const scan = scanDraft(text);
  const a = new DraftAttributor(scan, people);
  return scan.quotations.map((_, i) => {
    const r = a.attribution(i);
    if (!r) return undefined;
    assert.equal(text.slice(r.span.start, r.span.end), r.pronoun ?? r.name, 'the span holds the name as written');
    return r.pronoun ? `${r.pronoun}=${r.name}` : r.name;
  });
}

test('attribution patterns: X said, said X, X: “…”, according to X, X told/added/warned, X called it', () => {
  assert.deepEqual(who('“Words here,” said Tim Ash, senior strategist at BlueBay.'), ['Tim Ash']);
  assert.deepEqual(who('“Words here,” Tim Ash said.'), ['Tim Ash']);
  assert.deepEqual(who('“Words here,” Russian presidential spokesman Dmitry Peskov said dismissing the news.'), ['Dmitry Peskov']);
  assert.deepEqual(who('“Words here,” said BlueBay Asset Management’s Ash.'), ['Ash']);
  assert.deepEqual(who('Ash: “Words here.”'), ['Ash']);
  assert.deepEqual(who('According to Dmitry Peskov, “words here”.'), ['Dmitry Peskov']);
  assert.deepEqual(who('“Words here,” according to Tim Ash.'), ['Tim Ash']);
  assert.deepEqual(who('Biden told reporters on December 4 that “words here”.'), ['Biden']);
  assert.deepEqual(who('Merkel warned that “words here”.'), ['Merkel']);
  assert.deepEqual(who('Merkel called it “a platform”.'), ['Merkel']);
  assert.deepEqual(who('President Joseph R. Biden, Jr. said: “Words here.”'), ['Joseph R. Biden, Jr.']);
  assert.deepEqual(who('Tim Ash, a strategist at BlueBay, said: “Words here.”'), ['Tim Ash']);
});

test('no speaker when the draft names none, or the subject is not a name', () => {
  assert.deepEqual(who('“Words here,” the spokesman said.'), [undefined]);
  assert.deepEqual(who('Analysts said “words here”.'), [undefined]);
  assert.deepEqual(who('The plan was “bold and overdue”.'), [undefined]);
  assert.deepEqual(who('Putin said the summit went well. Observers were “not convinced”.'), [undefined]);
});

test('a pronoun is the person last named (not someone named inside a quotation)', () => {
  assert.deepEqual(who('Angela Merkel spoke after Dmitry Peskov. “Words here,” he said.'), ['he=Dmitry Peskov']);
  assert.deepEqual(who('Tim Ash wrote: “Putin must go.” Then “more words,” he added.'), ['Tim Ash', 'he=Tim Ash']);
  assert.deepEqual(who('Nobody is named. “Words here,” she said.'), [undefined]);
});

test('block quotes: the byline, or the paragraph before ending with a colon', () => {
  assert.deepEqual(who('> Quoted block text here.\n> — Tim Ash\n'), ['Tim Ash']);
  assert.deepEqual(who('Ash wrote in a note:\n\n> Quoted block text here.\n'), ['Ash']);
});

test('speaker comparison: aliases, subsets of names, surnames with compatible first names, affiliations', () => {
  assert.equal(people.same('Ash', 'Tim Ash'), true);
  assert.equal(people.same('Biden', 'Joseph R. Biden, Jr.'), true);
  assert.equal(people.same('Joe Biden', 'Joseph R. Biden, Jr.'), true);
  assert.equal(people.same('President Biden', 'Joseph R. Biden, Jr.'), true);
  assert.equal(people.same('BlueBay', 'Tim Ash'), true);
  assert.equal(people.same('Peskov', 'Tim Ash'), false);
  assert.equal(sameByName('Mary Ash', 'Tim Ash'), false);
  assert.equal(sameByName('T. Ash', 'Tim Ash'), true);
  assert.equal(people.canBeSpeaker('Moscow'), false);
  assert.equal(people.canBeSpeaker('Ash'), true);
  assert.equal(people.canBeSpeaker('Zed'), false);
  assert.equal(people.canBeSpeaker('Jane Roe'), true);
});
