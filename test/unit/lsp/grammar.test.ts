// The TextMate injection grammar (syntaxes/), tested without vscode-textmate: a small tokenizer here applies its
// match and begin/end rules line by line (as TextMate does) with the regexes compiled by JavaScript, so each rule is
// checked on real draft lines. What it cannot check: the interplay with the Markdown grammar it is injected into.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');
const grammar = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'verbatim.injection.tmLanguage.json'), 'utf8'));

interface Rule {
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  captures?: Record<string, { name: string }>;
  beginCaptures?: Record<string, { name: string }>;
  endCaptures?: Record<string, { name: string }>;
  patterns?: Rule[];
}

const compiled = new Map<string, RegExp>();
function re(src: string): RegExp {
  let r = compiled.get(src);
  if (!r) compiled.set(src, (r = new RegExp(src, 'gu')));
  return r;
}

function expand(patterns: Rule[]): Rule[] {
  return patterns.flatMap((p) => (p.include ? expand([grammar.repository[p.include.slice(1)]]) : [p]));
}

interface Token {
  text: string;
  scopes: string[];
}

/** Tokenizes lines with the grammar's rules (the injection applied to the whole text). */
function tokenize(text: string): Token[][] {
  const stack: { rule: Rule; scopes: string[] }[] = [];
  const out: Token[][] = [];
  for (const line of text.split('\n')) {
    const tokens: Token[] = [];
    const scopes = () => (stack.length ? stack[stack.length - 1].scopes : []);
    const emit = (from: number, to: number, s: string[]) => {
      if (to > from) tokens.push({ text: line.slice(from, to), scopes: s });
    };
    let pos = 0;
    for (let guard = 0; pos <= line.length && guard < 1000; guard++) {
      const top = stack[stack.length - 1];
      const candidates = expand(top ? top.rule.patterns ?? [] : grammar.patterns);
      let best: { m: RegExpExecArray; rule?: Rule; isEnd: boolean } | undefined;
      if (top) {
        const r = re(top.rule.end!);
        r.lastIndex = pos;
        const m = r.exec(line);
        if (m) best = { m, isEnd: true };
      }
      for (const rule of candidates) {
        const r = re(rule.match ?? rule.begin!);
        r.lastIndex = pos;
        const m = r.exec(line);
        if (m && (!best || m.index < best.m.index)) best = { m, rule, isEnd: false };
      }
      if (!best) break;
      const { m } = best;
      emit(pos, m.index, scopes());
      const withCaptures = (base: string[], caps: Rule['captures']) => {
        // Group 0 or the numbered groups, each as its own token (groups are contiguous in these rules).
        if (caps?.['0']) return emit(m.index, m.index + m[0].length, [...base, caps['0'].name]);
        let at = m.index;
        for (let g = 1; g < m.length; g++) {
          if (m[g] === undefined) continue;
          const start = line.indexOf(m[g], at);
          emit(at, start, base);
          emit(start, start + m[g].length, caps?.[String(g)] ? [...base, caps[String(g)].name] : base);
          at = start + m[g].length;
        }
        emit(at, m.index + m[0].length, base);
      };
      if (best.isEnd) {
        const closing = stack.pop()!;
        withCaptures(closing.scopes, closing.rule.endCaptures);
      } else if (best.rule!.match) {
        withCaptures(best.rule!.name ? [...scopes(), best.rule!.name] : scopes(), best.rule!.captures);
      } else {
        const s = best.rule!.name ? [...scopes(), best.rule!.name] : scopes();
        withCaptures(s, best.rule!.beginCaptures);
        stack.push({ rule: best.rule!, scopes: s });
      }
      const next = m.index + m[0].length;
      if (next === pos && m[0].length === 0) {
        if (!best.isEnd) break;
      }
      pos = next;
      if (pos >= line.length && !(stack.length && re(stack[stack.length - 1].rule.end!).source.includes('$'))) break;
      if (pos >= line.length) {
        // Let an end that matches at the end of the line ($) close the rule, as TextMate does.
        const r = re(stack[stack.length - 1].rule.end!);
        r.lastIndex = pos;
        const e = r.exec(line);
        if (e && e.index === pos) stack.pop();
        break;
      }
    }
    if (pos < line.length) emit(pos, line.length, scopes());
    out.push(tokens);
  }
  return out;
}

function scopesOf(text: string, needle: string, line = 0): string[] {
  const tokens = tokenize(text)[line];
  let at = 0;
  const target = text.split('\n')[line].indexOf(needle);
  assert.ok(target >= 0, `"${needle}" in line ${line}`);
  for (const t of tokens) {
    if (target >= at && target < at + t.text.length) return t.scopes;
    at += t.text.length;
  }
  return [];
}

test('a quotation, its speaker, reporting verb and citation key are scoped', () => {
  const line = 'Dmitry Peskov said “It is a self-sufficient platform.” [@bne-2021-12-07-putin-biden-summit]';
  assert.deepEqual(scopesOf(line, 'Dmitry Peskov'), ['meta.attribution.verbatim', 'entity.name.speaker.verbatim']);
  assert.deepEqual(scopesOf(line, 'said'), ['meta.attribution.verbatim', 'keyword.other.attribution.verbatim']);
  assert.deepEqual(scopesOf(line, '“'), ['string.quoted.double.quotation.verbatim', 'punctuation.definition.string.begin.verbatim']);
  assert.deepEqual(scopesOf(line, 'It is a self'), ['string.quoted.double.quotation.verbatim']);
  assert.deepEqual(scopesOf(line, '”'), ['string.quoted.double.quotation.verbatim', 'punctuation.definition.string.end.verbatim']);
  assert.deepEqual(scopesOf(line, ' ['), []);
  assert.deepEqual(scopesOf(line, '['), ['meta.citation.verbatim', 'punctuation.definition.citation.begin.verbatim']);
  assert.deepEqual(scopesOf(line, '@'), ['meta.citation.verbatim', 'punctuation.definition.citation-key.verbatim']);
  assert.deepEqual(scopesOf(line, 'bne-2021'), ['meta.citation.verbatim', 'constant.other.citation-key.verbatim']);
  assert.deepEqual(scopesOf(line, ']'), ['meta.citation.verbatim', 'punctuation.definition.citation.end.verbatim']);
});

test('"according to" and verb-first attributions', () => {
  const a = 'According to Tim Ash, the West “cannot bow to bullying”.';
  assert.deepEqual(scopesOf(a, 'According to'), ['meta.attribution.verbatim', 'keyword.other.attribution.verbatim']);
  assert.deepEqual(scopesOf(a, 'Tim Ash'), ['meta.attribution.verbatim', 'entity.name.speaker.verbatim']);
  const b = '“Not news,” said Dmitry Peskov on Tuesday.';
  assert.deepEqual(scopesOf(b, 'said'), ['meta.attribution.verbatim', 'keyword.other.attribution.verbatim']);
  assert.deepEqual(scopesOf(b, 'Dmitry Peskov'), ['meta.attribution.verbatim', 'entity.name.speaker.verbatim']);
});

test('straight marks make a quotation; an inch mark does not', () => {
  const line = 'Blinken said "there will be very serious consequences" on a 12" screen.';
  assert.deepEqual(scopesOf(line, 'there will'), ['string.quoted.double.quotation.verbatim']);
  assert.deepEqual(scopesOf(line, 'screen'), []);
  assert.deepEqual(scopesOf('A 12" screen and a 15" one.', 'screen'), []);
});

test('a quotation may run over lines but ends at a blank line (an unclosed mark does not colour the rest)', () => {
  const text = '“The first line of a quotation\ncontinues here” and ends.\n\n“Unclosed mark\n\nNext paragraph is plain.';
  assert.deepEqual(scopesOf(text, 'continues', 1), ['string.quoted.double.quotation.verbatim']);
  assert.deepEqual(scopesOf(text, 'and ends', 1), []);
  assert.deepEqual(scopesOf(text, 'Next paragraph', 5), []);
});

test('a citation with several keys scopes each key', () => {
  const line = 'As reported [see @bne-2021-12-07-putin-biden-summit, p. 3; @kyiv-2021-12-08-interview].';
  assert.deepEqual(scopesOf(line, 'kyiv-2021'), ['meta.citation.verbatim', 'constant.other.citation-key.verbatim']);
  assert.deepEqual(scopesOf(line, 'see'), ['meta.citation.verbatim']);
  assert.deepEqual(scopesOf('A [link](http://x) and an email a@b.com', 'link'), []);
});

test('every scope ends in .verbatim and every regex compiles', () => {
  const names: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    else if (key === 'name' && typeof v === 'string') names.push(v);
    else if ((key === 'match' || key === 'begin' || key === 'end') && typeof v === 'string') assert.doesNotThrow(() => new RegExp(v, 'u'), v);
  };
  walk(grammar.repository);
  assert.ok(names.length > 10);
  for (const n of names) for (const part of n.split(' ')) assert.match(part, /\.verbatim$/, part);
});

test('package.json injects the grammar into Markdown and plain text', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  for (const g of pkg.contributes.grammars) {
    const file = join(ROOT, g.path);
    assert.ok(existsSync(file), g.path);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).scopeName, g.scopeName);
  }
  const injection = pkg.contributes.grammars.find((g: { injectTo?: string[] }) => g.injectTo);
  assert.deepEqual(injection.injectTo, ['text.html.markdown', 'text.plain.verbatim']);
  assert.match(grammar.injectionSelector, /L:text\.html\.markdown -markup\.fenced_code/);
  assert.match(grammar.injectionSelector, /L:text\.plain/);
  const plain = pkg.contributes.grammars.find((g: { language?: string }) => g.language === 'plaintext');
  assert.equal(plain.scopeName, 'text.plain.verbatim');
});
