import type { Entity, Quote, Span } from '../types';
import { paragraphsOf, paragraphIndexAt, isWs } from './paragraphs';
import { isDoubleMark, isSingleMark } from './marks';

/** Stands in for a quote in the masked text, so cue patterns never match inside a quote. */
export const MASK = '\u0001';

export interface QuoteInfo {
  q: Quote;
  /** The quote with its marks (the closing mark may be missing). */
  outer: Span;
  para: number;
}

export interface EntityMention {
  start: number;
  end: number;
  entity: Entity;
}

/**
 * What attribution reads around the quotes: the text with every quote masked, paragraphs, sentences
 * (split outside quotes only) and the mentions of people and organisations outside quotes.
 */
export class Context {
  readonly masked: string;
  readonly paragraphs: Span[];
  readonly sentences: Span[];
  readonly infos: QuoteInfo[];
  readonly mentions: EntityMention[];

  constructor(readonly text: string, bodyStart: number, quotes: Quote[], entities: Entity[], paragraphs?: Span[]) {
    this.paragraphs = paragraphs ?? paragraphsOf(text, bodyStart);
    // Arrays here are built with loops, not `map`: see wordsAt in entities.ts (map's result changes its elements
    // kind once optimised, and every reader deoptimises).
    this.infos = [];
    for (const q of quotes) this.infos.push({ q, outer: outerSpan(text, q), para: Math.max(0, paragraphIndexAt(this.paragraphs, q.span.start)) });
    // masked text: the quotes (with marks) replaced by MASK characters, same length
    const parts: string[] = [];
    let at = 0;
    const sortedOuter: Span[] = [];
    for (const i of this.infos) sortedOuter.push(i.outer);
    sortedOuter.sort((a, b) => a.start - b.start);
    for (const o of sortedOuter) {
      if (o.start < at) continue;
      parts.push(text.slice(at, o.start), MASK.repeat(o.end - o.start));
      at = o.end;
    }
    parts.push(text.slice(at));
    this.masked = parts.join('');
    this.sentences = this.splitSentences();
    const ms: EntityMention[] = [];
    for (const e of entities) {
      if (e.type === 'place') continue;
      for (const m of e.mentions) if (this.masked.charCodeAt(m.span.start) !== 1) ms.push({ start: m.span.start, end: m.span.end, entity: e });
    }
    ms.sort((a, b) => a.start - b.start);
    this.mentions = ms;
    for (const e of entities) if (!this.byName.has(e.name)) this.byName.set(e.name, e);
  }

  private readonly byName = new Map<string, Entity>();
  private readonly roleTexts = new Map<Entity, string>();

  /** An entity's role and aliases in lower case, as role nouns are matched against them: built once per entity,
   * not once per mention looked at. */
  roleText(e: Entity): string {
    let s = this.roleTexts.get(e);
    if (s === undefined) this.roleTexts.set(e, (s = `${e.role ?? ''} ${e.aliases.join(' ')}`.toLowerCase()));
    return s;
  }

  entityNamed(name: string): Entity | undefined {
    return this.byName.get(name);
  }

  private splitSentences(): Span[] {
    const out: Span[] = [];
    const t = this.masked;
    const endsAt = new Map<number, string>(); // end of a masked quote → its inner text's last char
    for (const i of this.infos) endsAt.set(i.outer.end, i.q.text[i.q.text.length - 1] ?? '');
    // only paragraphs near a quote are ever read sentence by sentence
    const need = new Uint8Array(this.paragraphs.length);
    for (const i of this.infos) for (let k = Math.max(0, i.para - 3); k <= i.para; k++) need[k] = 1;
    for (let pi = 0; pi < this.paragraphs.length; pi++) {
      if (!need[pi]) continue;
      const p = this.paragraphs[pi];
      let s = p.start;
      // Each candidate is one character: where it stands is lastIndex - 1 after a test (exec built a match array
      // for every candidate). The search stays native: a loop over every character costs more on a cold start.
      CANDIDATE.lastIndex = p.start;
      while (CANDIDATE.test(t)) {
        const i = CANDIDATE.lastIndex - 1;
        if (i >= p.end) break;
        if (i < s) continue;
        const c = t.charCodeAt(i);
        let boundary = false;
        if (c !== 1) {
          boundary = !abbreviationBefore(t, i) && followedByStart(t, i + 1, p.end);
        } else {
          const last = endsAt.get(i + 1);
          boundary = last !== undefined && last !== '' && '.?!…'.includes(last) && followedByStart(t, i + 1, p.end);
        }
        if (boundary) {
          let e = i + 1;
          while (e < p.end && isWs(t.charCodeAt(e))) e++;
          out.push({ start: s, end: e });
          s = e;
          CANDIDATE.lastIndex = Math.max(CANDIDATE.lastIndex, e);
        }
      }
      if (s < p.end) out.push({ start: s, end: p.end });
    }
    return out;
  }

  sentenceIndexAt(offset: number): number {
    let lo = 0;
    let hi = this.sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.sentences[mid];
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return mid;
    }
    return Math.max(0, Math.min(this.sentences.length - 1, lo - 1));
  }

  /** Mentions (outside quotes) inside [start, end). */
  mentionsIn(start: number, end: number): EntityMention[] {
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    const out: EntityMention[] = [];
    for (let i = lo; i < this.mentions.length && this.mentions[i].start < end; i++) if (this.mentions[i].end <= end) out.push(this.mentions[i]);
    return out;
  }
}

/** Sentence-end candidates, one character each: terminal punctuation, and the last character of a masked quote. */
const CANDIDATE = /[.?!…]|\u0001(?!\u0001)/g;

function abbreviationBefore(t: string, dot: number): boolean {
  if (t[dot] !== '.') return false;
  const m = /(?:^|[^\p{L}])(\p{L}{1,5})$/u.exec(t.slice(Math.max(0, dot - 6), dot));
  if (!m) return false;
  const w = m[1];
  return /^(Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Col|Lt|Sgt|Supt|Det|Rev|No|vs|Capt|Maj|Gov|Sen|Rep|Insp|Cllr|Mt|Ft|Inc|Co|Corp|Ltd|[A-Z])$/.test(w);
}

function followedByStart(t: string, i: number, end: number): boolean {
  if (i >= end) return true;
  if (!isWs(t.charCodeAt(i))) return false;
  while (i < end && isWs(t.charCodeAt(i))) i++;
  if (i >= end) return true;
  const c = t[i];
  return c === MASK || /[\p{Lu}\p{N}“"‘'(\[]/u.test(c);
}

/** The quote's span widened to its marks. */
function outerSpan(text: string, q: Quote): Span {
  const s = q.span.start - 1;
  const start = s >= 0 && (isDoubleMark(text[s]) || isSingleMark(text[s])) ? s : q.span.start;
  const e = q.span.end;
  const end = e < text.length && (isDoubleMark(text[e]) || isSingleMark(text[e])) ? e + 1 : q.span.end;
  return { start, end };
}
