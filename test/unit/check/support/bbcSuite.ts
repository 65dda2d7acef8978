// The generated suite: real statement quotes (≥ 6 words) from the BBC set, each turned into drafts with
// correct variants (quote style, first letter's case, a line break, a proper ellipsis, a bracketed
// clarification) and incorrect ones (a word substituted, one inserted, words omitted without an
// ellipsis, "not" added or removed, a number changed, the speaker swapped for another person of the
// same article). Shared by test/unit/check/bbcSuite.test.ts (a fixed-seed sample) and
// scripts/check-eval.ts (everything).
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { checkDraft } from '../../../../server/src/core/check/checkDraft';
import type { CheckResult, DraftQuotation, Finding, FindingCode } from '../../../../server/src/core/check/types';
import type { SourceIndex } from '../../../../server/src/core/index/sourceIndex';
import { PassageIndex } from '../../../../server/src/core/index/passageIndex';
import { SpeakerMatcher } from '../../../../server/src/core/check/speakers';
import { tokenize } from '../../../../server/src/core/text/normalize';
import type { Quote, Span } from '../../../../server/src/core/types';
import { loadIndex } from '../../../../server/src/node/loadSources';
import { rng } from '../../../support/rng';
export { rng };

export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
export const BBC_DIR = join(REPO_ROOT, '..', 'shared', 'data', 'bbc-news');
export const bbcAvailable = () => existsSync(BBC_DIR);

export async function loadBbc(): Promise<SourceIndex> {
  const { index } = await loadIndex({ specs: [BBC_DIR], cwd: REPO_ROOT, bundled: false });
  return index;
}

export type CorrectKind = 'style' | 'case' | 'linebreak' | 'ellipsis' | 'bracket';
export type IncorrectKind = 'substituted' | 'inserted' | 'omitted' | 'negation' | 'number' | 'speaker';
export const CORRECT_KINDS: CorrectKind[] = ['style', 'case', 'linebreak', 'ellipsis', 'bracket'];
export const INCORRECT_KINDS: IncorrectKind[] = ['substituted', 'inserted', 'omitted', 'negation', 'number', 'speaker'];

export interface Case {
  kind: CorrectKind | IncorrectKind | 'verbatim';
  correct: boolean;
  /** The code an incorrect case must be reported with. */
  expect?: FindingCode;
  draft: string;
  /** Span of the quotation (marks included) in the draft. */
  quotation: Span;
  quote: Quote;
}


const SUBSTITUTES = ['very', 'government', 'people', 'market', 'important', 'really', 'company', 'country', 'clearly', 'major', 'public', 'strong', 'recent', 'simple', 'whole'];
const INSERTS = ['very', 'really', 'certainly', 'also', 'indeed', 'clearly', 'simply', 'probably', 'quite', 'entirely'];
const AUXILIARIES = new Set(['is', 'was', 'are', 'were', 'will', 'would', 'can', 'could', 'should', 'do', 'does', 'did', 'has', 'have', 'had', 'must', 'may', 'might']);
const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'this', 'that', 'them', 'him', 'her']);
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve', 'twenty', 'hundred', 'thousand', 'million', 'billion'];

/** Whether a quote can be put between double quotes in Markdown as it is. */
function usable(text: string): boolean {
  return !/["“”„`<>*_#|\\]/.test(text) && !/\[|\]/.test(text) && !/\.\s?\.\s?\./.test(text) && !text.includes('…');
}

const words = (s: string) => s.split(' ').filter(Boolean);

export interface SuiteOptions {
  seed?: number;
  /** Take at most this many quotes (a fixed-seed sample); all when undefined. */
  sample?: number;
}

export interface Suite {
  cases: Case[];
  quotes: number;
  skipped: number;
}

/** Builds the cases from the index's statement quotes. */
export function buildSuite(index: SourceIndex, opts: SuiteOptions = {}): Suite {
  const random = rng(opts.seed ?? 20211207);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const pidx = PassageIndex.for(index);
  const matcher = SpeakerMatcher.for(index);
  const seen = new Set<string>();
  let pool: Quote[] = [];
  let skipped = 0;
  for (const q of index.quotes()) {
    if (q.kind !== 'statement' || words(q.text.replace(/\s+/g, ' ')).length < 6) continue;
    const flat = q.text.replace(/\s+/g, ' ').trim();
    if (!usable(flat)) {
      skipped++;
      continue;
    }
    if (seen.has(flat)) continue;
    seen.add(flat);
    pool.push(q);
  }
  if (opts.sample !== undefined && opts.sample < pool.length) {
    // Fisher–Yates prefix with the seeded generator.
    pool = [...pool];
    for (let i = 0; i < opts.sample; i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    pool = pool.slice(0, opts.sample);
  }

  /** Whether a text occurs word for word somewhere in the sources (then it is not a misquote). */
  const occurs = (text: string) => {
    const ids = tokenize(text).map((t) => pidx.idOf(t.key));
    return ids.length > 0 && pidx.findExact(ids).length > 0;
  };
  /** Speakers of every exact occurrence of a quote (duplicated articles give it again). */
  const speakersOf = (text: string) => {
    const ids = tokenize(text).map((t) => pidx.idOf(t.key));
    return pidx.findExact(ids, undefined, 100).map((h) => pidx.quoteAt(h.doc, h.pos, h.pos + ids.length)?.speaker ?? null);
  };

  const cases: Case[] = [];
  let template = 0;
  for (const q of pool) {
    const text = q.text.replace(/\s+/g, ' ').trim().replace(/[,;:]$/, '');
    const w = words(text);
    const n = w.length;
    const speaker = q.speaker;
    const source = index.sourceById(q.sourceId)!;
    const make = (kind: Case['kind'], variant: string, opts: { straight?: boolean; who?: string | null } = {}): Case => {
      const who = opts.who === undefined ? speaker : opts.who;
      const open = opts.straight ? '"' : '“';
      const close = opts.straight ? '"' : '”';
      const v = opts.straight ? variant.replace(/[‘’]/g, "'") : variant.replace(/(\w)'(\w)/g, '$1’$2');
      const bare = v.replace(/[.,;:!?]+$/, '');
      const t = template++ % 4;
      let before: string;
      let quotation: string;
      let after: string;
      if (!who) {
        before = t % 2 ? 'The report put it this way: ' : '';
        quotation = `${open}${v}${close}`;
        after = '';
      } else if (t === 0) {
        before = `${who} said: `;
        quotation = `${open}${v}${close}`;
        after = '';
      } else if (t === 1) {
        before = '';
        quotation = `${open}${bare},${close}`;
        after = ` said ${who}.`;
      } else if (t === 2) {
        before = '';
        quotation = `${open}${bare},${close}`;
        after = ` ${who} said.`;
      } else {
        before = `According to ${who}, `;
        quotation = `${open}${v}${close}`;
        after = '';
      }
      const head = `Some context comes first.\n\n${before}`;
      const draft = `${head}${quotation}${after}\n\nMore text follows.\n`;
      const correct = CORRECT_KINDS.includes(kind as CorrectKind) || kind === 'verbatim';
      return {
        kind,
        correct,
        ...(correct ? {} : { expect: kind === 'speaker' ? ('wrong-speaker' as const) : ('misquote' as const) }),
        draft,
        quotation: { start: head.length, end: head.length + quotation.length },
        quote: q,
      };
    };
    const interior = () => 1 + Math.floor(random() * (n - 2)); // 1 .. n-2

    // Correct variants.
    cases.push(make('verbatim', text));
    cases.push(make('style', text, { straight: true }));
    cases.push(make('case', (/^\p{Lu}/u.test(text) ? text[0].toLowerCase() : text[0].toUpperCase()) + text.slice(1)));
    {
      const k = interior();
      cases.push(make('linebreak', [...w.slice(0, k), '\n' + w[k], ...w.slice(k + 1)].join(' ').replace(/ \n/, '\n')));
    }
    if (n >= 6) {
      const len = 1 + Math.floor(random() * Math.min(5, n - 4));
      const k = 2 + Math.floor(random() * (n - len - 3)); // keep two words before, one after
      const mark = pick([' … ', ' ... ', ' . . . ', ' […] ']);
      cases.push(make('ellipsis', w.slice(0, k).join(' ') + mark + w.slice(k + len).join(' ')));
    }
    {
      const pron = w.findIndex((x, i) => i > 0 && i < n - 1 && PRONOUNS.has(x.toLowerCase()));
      const names = source.entities.filter((e) => e.type !== 'place').map((e) => e.name);
      const k = pron > 0 ? pron : interior();
      const clarification = names.length ? pick(names) : pick(['the company', 'the government', 'the plan']);
      const replaced = pron > 0 ? `[${clarification}]` : `${w[k].replace(/[.,;:!?]+$/, '')} [${pick(['sic', 'the plan', clarification])}]${/[.,;:!?]+$/.exec(w[k])?.[0] ?? ''}`;
      cases.push(make('bracket', [...w.slice(0, k), replaced, ...w.slice(k + 1)].join(' ')));
    }

    // Incorrect variants (kept only when the change really makes words that no source has).
    const incorrect = (kind: IncorrectKind, variant: string | undefined) => {
      if (variant === undefined || variant === text || occurs(variant)) return;
      cases.push(make(kind, variant));
    };
    {
      const k = Math.floor(random() * n);
      const core = w[k].replace(/[.,;:!?'’]+$/, '');
      const trail = w[k].slice(core.length);
      const sub = pick(SUBSTITUTES.filter((s) => s !== core.toLowerCase()));
      incorrect('substituted', [...w.slice(0, k), sub + trail, ...w.slice(k + 1)].join(' '));
    }
    {
      const k = 1 + Math.floor(random() * (n - 1));
      incorrect('inserted', [...w.slice(0, k), pick(INSERTS), ...w.slice(k)].join(' '));
    }
    {
      const len = 1 + Math.floor(random() * Math.min(3, n - 4));
      const k = 1 + Math.floor(random() * (n - len - 1));
      incorrect('omitted', [...w.slice(0, k), ...w.slice(k + len)].join(' '));
    }
    {
      const notAt = w.findIndex((x) => /^not[.,;:!?]?$/i.test(x));
      const ntAt = w.findIndex((x) => /n['’]t[.,;:!?]?$/i.test(x) && !/^(?:can|won)['’]t/i.test(x));
      const auxAt = w.findIndex((x, i) => i < n - 1 && AUXILIARIES.has(x.toLowerCase()));
      let v: string | undefined;
      if (notAt > 0 && notAt < n - 1) v = [...w.slice(0, notAt), ...w.slice(notAt + 1)].join(' ');
      else if (ntAt >= 0) v = [...w.slice(0, ntAt), w[ntAt].replace(/n['’]t/i, ''), ...w.slice(ntAt + 1)].join(' ');
      else if (auxAt >= 0) v = [...w.slice(0, auxAt + 1), 'not', ...w.slice(auxAt + 1)].join(' ');
      incorrect('negation', v);
    }
    {
      const numAt = w.findIndex((x) => /\d/.test(x));
      const wordAt = w.findIndex((x) => NUMBER_WORDS.includes(x.toLowerCase().replace(/[.,;:!?]+$/, '')));
      let v: string | undefined;
      if (numAt >= 0) {
        const changed = w[numAt].replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1 + Math.floor(random() * 8)) % 10));
        v = [...w.slice(0, numAt), changed, ...w.slice(numAt + 1)].join(' ');
      } else if (wordAt >= 0) {
        const core = w[wordAt].replace(/[.,;:!?]+$/, '');
        const other = pick(NUMBER_WORDS.filter((x) => x !== core.toLowerCase()));
        v = [...w.slice(0, wordAt), other + w[wordAt].slice(core.length), ...w.slice(wordAt + 1)].join(' ');
      }
      incorrect('number', v);
    }
    if (speaker) {
      // Other people of the article: its quotes' speakers, and person entities with a full name
      // (one-word "persons" from entity extraction are often not people: "German", "Observers").
      const people = new Set<string>();
      for (const other of source.quotes) if (other.speaker) people.add(other.speaker);
      for (const e of source.entities) if (e.type === 'person' && e.name.trim().split(/\s+/).length >= 2) people.add(e.name);
      // Not acronyms or nationality words that entity extraction sometimes takes for speakers ("EU", "German").
      const plausible = (p: string) => /\s/.test(p.trim()) || !/^(?:[A-Z]{1,4}|\p{Lu}\p{Ll}+(?:an|ish|ese|ch|i))$/u.test(p.trim());
      const others = [...people].filter((p) => matcher.same(p, speaker) === false && matcher.canBeSpeaker(p) && plausible(p));
      // The source speaker is known only when every place the words occur gives them a speaker
      // (the BBC set repeats articles and quotes; narrative or unattributed copies leave it open).
      const occurrences = speakersOf(text);
      const known = occurrences.every((s) => s !== null);
      const clean = others.filter((p) => !occurrences.some((s) => s && matcher.same(p, s) !== false));
      if (known && clean.length) cases.push(make('speaker', text, { who: pick(clean) }));
    }
  }
  return { cases, quotes: pool.length, skipped };
}

export interface Outcome {
  c: Case;
  result: CheckResult;
  quotation?: DraftQuotation;
  /** Findings for the case's quotation (on it, its speaker or its citation) at warning level or above. */
  loud: Finding[];
  ok: boolean;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

export function runCase(index: SourceIndex, c: Case): Outcome {
  const result = checkDraft(c.draft, index);
  const quotation = result.quotations.find((q) => overlaps(q.outer, c.quotation));
  const regions = quotation ? [quotation.outer, quotation.attributedTo?.span, quotation.citation?.span].filter((s): s is Span => !!s) : [c.quotation];
  const loud = result.findings.filter((f) => (f.severity === 'error' || f.severity === 'warning') && regions.some((r) => overlaps(f.span, r)));
  const ok = c.correct ? loud.length === 0 : loud.some((f) => f.code === c.expect);
  return { c, result, quotation, loud, ok };
}

export interface Tally {
  total: number;
  ok: number;
}
export interface Report {
  quotes: number;
  skipped: number;
  correct: Tally;
  incorrect: Tally;
  byKind: Record<string, Tally>;
  /** Negation/number misquotes reported as errors (meaning flips). */
  flipsAsErrors: Tally;
  /** Incorrect cases whose first fix, applied, leaves nothing on the quotation. */
  fixes: Tally;
  fixFailures: Outcome[];
  failures: Outcome[];
  ms: number;
}

export function runSuite(index: SourceIndex, cases: Case[], opts: { checkFixes?: boolean } = {}): Report {
  const started = Date.now();
  const byKind: Record<string, Tally> = {};
  const correct = { total: 0, ok: 0 };
  const incorrect = { total: 0, ok: 0 };
  const flipsAsErrors = { total: 0, ok: 0 };
  const fixes = { total: 0, ok: 0 };
  const failures: Outcome[] = [];
  const fixFailures: Outcome[] = [];
  for (const c of cases) {
    const o = runCase(index, c);
    const t = (byKind[c.kind] ??= { total: 0, ok: 0 });
    t.total++;
    const bucket = c.correct ? correct : incorrect;
    bucket.total++;
    if (o.ok) {
      t.ok++;
      bucket.ok++;
    } else failures.push(o);
    if (!c.correct && o.ok && (c.kind === 'negation' || c.kind === 'number')) {
      flipsAsErrors.total++;
      if (o.loud.some((f) => f.code === 'misquote' && f.severity === 'error')) flipsAsErrors.ok++;
    }
    if (opts.checkFixes !== false && !c.correct && o.ok) {
      const f = o.loud.find((x) => x.code === c.expect)!;
      if (f.fixes.length) {
        fixes.total++;
        const fix = f.fixes[0];
        const fixed = c.draft.slice(0, fix.span.start) + fix.newText + c.draft.slice(fix.span.end);
        const shift = fix.newText.length - (fix.span.end - fix.span.start);
        const again = runCase(index, { ...c, correct: true, draft: fixed, quotation: { start: c.quotation.start, end: c.quotation.end + (fix.span.start < c.quotation.end ? shift : 0) } });
        if (again.ok) fixes.ok++;
        else fixFailures.push(again);
      }
    }
  }
  return { quotes: 0, skipped: 0, correct, incorrect, byKind, flipsAsErrors, fixes, failures, fixFailures, ms: Date.now() - started };
}

export function formatReport(r: Report): string {
  const pct = (t: Tally) => (t.total ? ((100 * t.ok) / t.total).toFixed(2) : 'n/a');
  const fp = (t: Tally) => (t.total ? ((100 * (t.total - t.ok)) / t.total).toFixed(2) : 'n/a');
  const lines = [
    `quotes: ${r.quotes} statement quotes of 6+ words used (${r.skipped} skipped: Markdown characters or marks inside)`,
    `incorrect variants reported with the right code: ${r.incorrect.ok}/${r.incorrect.total} = ${pct(r.incorrect)} %`,
    `correct variants reported at warning or above:   ${r.correct.total - r.correct.ok}/${r.correct.total} = ${fp(r.correct)} %`,
  ];
  for (const [k, t] of Object.entries(r.byKind)) {
    const isCorrect = CORRECT_KINDS.includes(k as CorrectKind) || k === 'verbatim';
    lines.push(`  ${isCorrect ? 'correct  ' : 'incorrect'} ${k.padEnd(12)} ${isCorrect ? `false positives ${t.total - t.ok}/${t.total}` : `detected ${t.ok}/${t.total}`} (${isCorrect ? fp(t) : pct(t)} %)`);
  }
  lines.push(`negation/number misquotes reported as errors: ${r.flipsAsErrors.ok}/${r.flipsAsErrors.total} = ${pct(r.flipsAsErrors)} %`);
  lines.push(`first fix applied leaves the quotation clean: ${r.fixes.ok}/${r.fixes.total} = ${pct(r.fixes)} %`);
  lines.push(`checked ${r.correct.total + r.incorrect.total} drafts in ${r.ms} ms`);
  return lines.join('\n');
}

export function describeFailure(o: Outcome): string {
  const q = o.quotation;
  return [
    `[${o.c.kind}] expected ${o.c.correct ? 'nothing' : o.c.expect}; got ${o.loud.map((f) => `${f.code}/${f.severity}: ${f.message}`).join(' | ') || 'nothing'}`,
    `  status: ${q?.status ?? 'no quotation found'}${q?.attributedTo ? `, attributed to ${q.attributedTo.name}` : ''}`,
    `  draft: ${JSON.stringify(o.c.draft.slice(o.c.draft.indexOf('\n\n') + 2, o.c.draft.lastIndexOf('\n\n')))}`,
    `  source: ${JSON.stringify(o.c.quote.text.slice(0, 300))} — ${o.c.quote.speaker ?? 'unattributed'} (${o.c.quote.sourceId})`,
  ].join('\n');
}
