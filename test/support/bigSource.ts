// A large source of news-like text for the tests and benchmarks that need one file of several megabytes: paragraphs of
// reporting, about one in four with an attributed quotation ("…," said Ann Smith, the finance minister), reported speech and plain
// narrative, over a few hundred people, organisations and places, from a seeded PRNG (the same bytes every run).
import { rng } from './rng';

const FIRST = ['Ann', 'Bob', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Maya', 'Nikolai', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Samir', 'Tara'];
const LAST = ['Smith', 'Jones', 'Diaz', 'Okafor', 'Petrov', 'Tanaka', 'Moreau', 'Schmidt', 'Rossi', 'Kowalski', 'Haddad', 'Nguyen', 'Larsen', 'Costa', 'Ibrahim', 'Walsh'];
const ROLE = ['the finance minister', 'chief economist at Northbank', 'a spokesman for the Treasury', 'the union leader', 'head of research at Halden Capital', 'the mayor of Eastport'];
const ORG = ['Northbank', 'Halden Capital', 'the Treasury', 'the Central Bank', 'Eastport Council', 'the Transport Union', 'Meridian Energy'];
const PLACE = ['Eastport', 'Westbury', 'Kingsford', 'Lakeside', 'Brockton'];
const SUBJECT = ['inflation', 'the budget', 'the strike', 'interest rates', 'the new rail line', 'energy prices', 'the housing plan'];
const NARRATIVE =
  'the council met on the evening before the vote and the members didn\'t agree, they spoke at length about the costs of the plan for the town\'s ' +
  'future while residents waited outside in the rain for news of the decision that would shape the next decade of ' +
  'building work along the river and in the old market district where shops have closed one after another since the ' +
  'factory moved away and the new road took traffic from the centre';
const VERB = ['will fall', 'will rise', 'is under control', 'cannot continue', 'needs more time', 'will be reviewed', 'is good news for families'];

/** About `bytes` of text (UTF-8, ASCII quotes and curly ones mixed), with a title line. */
export function bigSourceText(bytes: number, seed = 7): string {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const claim = () => `${pick(SUBJECT)} ${pick(VERB)} ${['this year', 'by the spring', 'in the long run', 'for now'][Math.floor(r() * 4)]}`;
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
  const paragraphs: string[] = ['# The week in Eastport', ''];
  let size = 0;
  const words = NARRATIVE.split(' ');
  const sentence = () => {
    const n = 8 + Math.floor(r() * 14);
    const ws: string[] = [];
    for (let i = 0; i < n; i++) ws.push(words[Math.floor(r() * words.length)]);
    return `${cap(ws.join(' '))}.`;
  };
  while (size < bytes) {
    // Most paragraphs of a news archive are narrative; about one in four quotes someone.
    if (r() < 0.75) {
      const p = Array.from({ length: 2 + Math.floor(r() * 4) }, sentence).join(' ');
      paragraphs.push(p, '');
      size += p.length + 2;
      continue;
    }
    const p = [
      () => `“${cap(claim())},” said ${person()}, ${pick(ROLE)}. “We have said so for months, and the figures of ${1990 + Math.floor(r() * 35)} show it.”`,
      () => `${person()}, ${pick(ROLE)}, said that ${claim()}. Officials at ${pick(ORG)} in ${pick(PLACE)} declined to comment on the report.`,
      () => `"${cap(claim())}. We will not change course," ${pick(LAST)} told reporters in ${pick(PLACE)} on ${['Monday', 'Tuesday', 'Friday'][Math.floor(r() * 3)]}.`,
      () => `Shares in ${pick(ORG)} rose ${Math.floor(r() * 90) / 10}% after the announcement, while analysts in ${pick(PLACE)} expected ${claim()}.`,
      () => `According to ${person()} of ${pick(ORG)}, “${claim()}, and nobody should pretend otherwise.”`,
    ][Math.floor(r() * 5)]();
    paragraphs.push(p, '');
    size += p.length + 2;
  }
  return paragraphs.join('\n');
}
