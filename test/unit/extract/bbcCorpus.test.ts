// The whole BBC News set (research use only, read from ../shared/data/bbc-news, never copied into the repo):
// every file analysed without an exception, counts and time reported, and the judged sample of extracted
// statements (test/fixtures/gold/bbc-sample-judged.json) checked against what the extractor gives today.
//
// VERBATIM_PRINT_SAMPLE=1 prints the 100 statements of the fixed-seed sample with their paragraphs, for judging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../../../server/src/core/sources/analyze';
import { decodeText } from '../../../server/src/core/sources/decode';
import type { AnalyzedSource, Quote } from '../../../server/src/core/types';

const ROOT = join(__dirname, '..', '..', '..');
const BBC = join(ROOT, '..', 'shared', 'data', 'bbc-news');
const JUDGED = join(ROOT, 'test', 'fixtures', 'gold', 'bbc-sample-judged.json');
const SAMPLE_SEED = 20211207;
const SAMPLE_SIZE = 100;

interface Judged {
  file: string;
  quote: string;
  speaker: string | null;
  span_ok: boolean;
  speaker_ok: boolean;
  note?: string;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readCorpus(): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  for (const cat of readdirSync(BBC).sort()) {
    if (!/^[a-z]+$/.test(cat)) continue;
    for (const f of readdirSync(join(BBC, cat)).sort()) if (f.endsWith('.txt')) out.push({ name: `${cat}/${f}`, bytes: readFileSync(join(BBC, cat, f)) });
  }
  return out;
}

test('BBC News: all 2,225 articles are analysed without an exception', (t) => {
  if (!existsSync(BBC)) {
    t.skip(`the BBC News data set is not at ${BBC}; this benchmark needs ../shared/data/bbc-news`);
    return;
  }
  const files = readCorpus();
  const texts = files.map((f) => ({ name: f.name, decoded: decodeText(f.bytes) }));
  const latin1 = texts.filter((x) => x.decoded.encoding !== 'utf-8');

  const failures: string[] = [];
  const results: AnalyzedSource[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const x of texts) {
    try {
      results.push(analyzeSource(x.name, x.decoded.text));
    } catch (e) {
      failures.push(`${x.name}: ${String(e)}`);
    }
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // a second pass, with the code already compiled by the JIT
  const t1 = performance.now();
  for (const x of texts) analyzeSource(x.name, x.decoded.text);
  const warm = performance.now() - t1;

  const quotes = results.flatMap((r) => r.quotes);
  const statements = quotes.filter((q) => q.kind === 'statement');
  const counts = {
    files: files.length,
    bytes: files.reduce((n, f) => n + f.bytes.length, 0),
    nonUtf8Files: latin1.map((x) => `${x.name} (${x.decoded.encoding})`).join(', '),
    quotes: quotes.length,
    statements: statements.length,
    statementsWithSpeaker: statements.filter((q) => q.speaker).length,
    fragments: quotes.length - statements.length,
    groups: new Set(quotes.filter((q) => q.group !== undefined).map((q) => `${q.sourceId}#${q.group}`)).size,
    entities: results.reduce((n, r) => n + r.entities.length, 0),
    people: results.reduce((n, r) => n + r.entities.filter((e) => e.type === 'person').length, 0),
    problems: results.reduce((n, r) => n + r.problems.length, 0),
    analyseMs: Math.round(wall),
    analyseCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    secondPassMs: Math.round(warm),
  };
  for (const [k, v] of Object.entries(counts)) t.diagnostic(`${k}: ${v}`);
  console.log(`[bbc] ${JSON.stringify(counts)}`);

  assert.deepEqual(failures, []);
  assert.equal(files.length, 2225);
  // sport/199.txt is Latin-1: its pound sign must come through
  const s199 = texts.find((x) => x.name === 'sport/199.txt');
  assert.ok(s199 && s199.decoded.encoding === 'latin-1' && s199.decoded.text.includes('£15.8'), 'sport/199.txt is decoded as Latin-1');
  // Speed is measured by `npm run bench` against a baseline, not asserted here: a wall-clock bound fails on a busy machine.

  if (process.env.VERBATIM_PRINT_SAMPLE) printSample(results);
  checkJudged(t, results);
});

/** The fixed-seed sample of extracted statements. */
function sample(results: AnalyzedSource[]): { file: string; q: Quote; text: string }[] {
  const all = results.flatMap((r) => r.quotes.filter((q) => q.kind === 'statement').map((q) => ({ file: r.path, q, text: r.text })));
  const rnd = mulberry32(SAMPLE_SEED);
  const picked = new Set<number>();
  while (picked.size < Math.min(SAMPLE_SIZE, all.length)) picked.add(Math.floor(rnd() * all.length));
  return [...picked].sort((a, b) => a - b).map((i) => all[i]);
}

function printSample(results: AnalyzedSource[]): void {
  sample(results).forEach(({ file, q, text }, i) => {
    const para = text.slice(q.paragraph.start, q.paragraph.end);
    const at = q.span.start - q.paragraph.start;
    const view = `${para.slice(Math.max(0, at - 400), at)}⟦${q.text}⟧${para.slice(at + q.text.length, at + q.text.length + 160)}`;
    console.log(`#${i + 1} ${file} speaker=${JSON.stringify(q.speaker)} cue=${q.cue ? JSON.stringify(text.slice(q.cue.start, q.cue.end)) : '-'}\n${view}\n`);
  });
}

function checkJudged(t: { diagnostic(s: string): void }, results: AnalyzedSource[]): void {
  if (!existsSync(JUDGED)) return;
  const judged = (JSON.parse(readFileSync(JUDGED, 'utf8')) as { items: Judged[] }).items;
  const byPath = new Map(results.map((r) => [r.path, r]));
  let same = 0;
  for (const j of judged) {
    const q = byPath.get(j.file)?.quotes.find((x) => x.text === j.quote);
    if (q && q.speaker === j.speaker) same++;
  }
  const spanOk = judged.filter((j) => j.span_ok).length;
  const speakerOk = judged.filter((j) => j.speaker_ok).length;
  const bothOk = judged.filter((j) => j.span_ok && j.speaker_ok).length;
  const lines = [
    `judged sample (by hand): ${judged.length} statements; span right ${spanOk}, speaker right ${speakerOk}, both right ${bothOk}`,
    `judged sample still extracted with the same text and speaker today: ${same}/${judged.length}`,
  ];
  for (const l of lines) t.diagnostic(l);
  console.log(`[bbc] ${lines.join('\n[bbc] ')}`);
}
