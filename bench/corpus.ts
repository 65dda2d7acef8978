// The benchmark corpora: the BBC set (../shared/data/bbc-news, 2,225 articles) and scaled versions of it written to
// .cache/bench-corpus/x1, x5, x20 (git-ignored). Copy 0 of an article is its text unchanged; copies 1… get a distinct
// id (front matter) and every quote's words lightly varied (a seeded generator: a word replaced, dropped, doubled or
// two words swapped), so that no two copies are identical and the index cannot deduplicate them.
//   node --import tsx bench/corpus.ts [--scales 1,5,20]     (prints the folders; regenerates only when missing)
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../test/support/rng';
export { rng };

export const REPO_ROOT = join(__dirname, '..');
export const BBC_DIR = join(REPO_ROOT, '..', 'shared', 'data', 'bbc-news');
export const CORPUS_ROOT = join(REPO_ROOT, '.cache', 'bench-corpus');
export const CATEGORIES = ['business', 'entertainment', 'politics', 'sport', 'tech'];
/** Bump when the generated text changes, so stale folders are rebuilt. */
const GENERATOR_VERSION = 2;

export function bbcAvailable(): boolean {
  return existsSync(BBC_DIR) && CATEGORIES.every((c) => existsSync(join(BBC_DIR, c)));
}


export interface Article {
  category: string;
  /** "001" */
  name: string;
  /** Decoded text (the set is Latin-1 compatible; one file is not UTF-8). */
  text: string;
}

/** The 2,225 articles, in a fixed order. */
export function loadArticles(): Article[] {
  const out: Article[] = [];
  for (const category of CATEGORIES) {
    for (const file of readdirSync(join(BBC_DIR, category)).filter((f) => f.endsWith('.txt')).sort()) {
      const bytes = readFileSync(join(BBC_DIR, category, file));
      const utf8 = bytes.toString('utf8');
      out.push({ category, name: file.replace(/\.txt$/, ''), text: utf8.includes('\uFFFD') ? bytes.toString('latin1') : utf8 });
    }
  }
  return out;
}

const REPLACEMENTS = ['really', 'very', 'now', 'also', 'clearly', 'certainly', 'still', 'just', 'quite', 'simply', 'indeed', 'perhaps'];
const WORD = /[A-Za-z][A-Za-z']*/g;

/** One quote's words, lightly varied: one or two edits, never touching the marks. */
function varyQuote(inner: string, random: () => number): string {
  const words = [...inner.matchAll(WORD)];
  if (words.length < 2) return inner;
  const edits = 1 + Math.floor(random() * 2);
  let out = inner;
  for (let e = 0; e < edits; e++) {
    const ws = [...out.matchAll(WORD)];
    const k = Math.floor(random() * ws.length);
    const w = ws[k];
    const at = w.index!;
    const end = at + w[0].length;
    const r = random();
    if (r < 0.45) out = out.slice(0, at) + REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)] + out.slice(end);
    else if (r < 0.65 && ws.length > 3) out = out.slice(0, at) + out.slice(end).replace(/^\s+/, '');
    else if (r < 0.8) out = out.slice(0, end) + ' ' + REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)] + out.slice(end);
    else if (k + 1 < ws.length) {
      const n = ws[k + 1];
      out = out.slice(0, at) + n[0] + out.slice(end, n.index!) + w[0] + out.slice(n.index! + n[0].length);
    }
  }
  return out.length ? out : inner;
}

/** The article as copy `copy`: front matter with a distinct id; for copies ≥ 1, every quote's words varied. */
export function copyOf(a: Article, copy: number): string {
  const id = `bbc-${a.category}-${a.name}${copy ? `-c${copy}` : ''}`;
  const lines = a.text.split('\n');
  const title = lines[0].trim().replace(/"/g, "'");
  let body = a.text;
  if (copy > 0) {
    const random = rng((copy * 100003) ^ (CATEGORIES.indexOf(a.category) * 7919) ^ Number(a.name));
    // Straight-quote pairs within a paragraph (the set uses straight marks only).
    body = body
      .split('\n')
      .map((para) => para.replace(/"([^"\n]+)"/g, (_m, inner: string) => `"${varyQuote(inner, random)}"`))
      .join('\n');
  }
  return `---\nid: ${id}\ntitle: "${title}"\noutlet: BBC News\n---\n${body}`;
}

/** Writes (if missing) the corpus of `scale` copies of every article; returns its folder. */
export function ensureCorpus(scale: number, articles?: Article[]): { dir: string; files: number; generatedMs?: number } {
  const dir = join(CORPUS_ROOT, `x${scale}`);
  const stamp = join(dir, '.complete');
  const want = `v${GENERATOR_VERSION}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
    let files = 0;
    for (const c of readdirSync(dir)) if (!c.startsWith('.')) files += readdirSync(join(dir, c)).length;
    return { dir, files };
  }
  const t0 = performance.now();
  rmSync(dir, { recursive: true, force: true });
  const list = articles ?? loadArticles();
  let files = 0;
  for (let copy = 0; copy < scale; copy++) {
    const sub = join(dir, `copy${String(copy).padStart(2, '0')}`);
    mkdirSync(sub, { recursive: true });
    for (const a of list) {
      writeFileSync(join(sub, `${a.category}-${a.name}.md`), copyOf(a, copy));
      files++;
    }
  }
  writeFileSync(stamp, want);
  return { dir, files, generatedMs: performance.now() - t0 };
}

if (require.main === module) {
  if (!bbcAvailable()) {
    console.log(`bench corpus: the BBC set is not at ${BBC_DIR}; nothing to do (the benchmarks that need it are skipped).`);
    process.exit(0);
  }
  const i = process.argv.indexOf('--scales');
  const scales = (i > 0 ? process.argv[i + 1] : '1,5,20').split(',').map(Number);
  const articles = loadArticles();
  for (const s of scales) {
    const r = ensureCorpus(s, articles);
    console.log(`x${s}: ${r.files} files in ${r.dir}${r.generatedMs !== undefined ? ` (written in ${(r.generatedMs / 1000).toFixed(1)} s)` : ' (already there)'}`);
  }
}
