// The one place where core results (offsets, quotes, findings, draft quotations, entities, sources) become LSP types.
// Handlers find the data; this module decides what the user sees. Source text reaches Markdown only through Markup
// (markdown.ts), which escapes it.
import { pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  SymbolKind,
  type CodeLens,
  type CompletionItem,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type DocumentSymbol,
  type Hover,
  type Location,
  type MarkupContent,
  type Position,
  type Range,
  type SymbolInformation,
} from 'vscode-languageserver';
import type { SourceIndex } from '../core/index/sourceIndex';
import type { AnalyzedSource, Entity, Quote, Severity, Span } from '../core/types';
import type { DraftQuotation, Finding, FindingCode } from '../core/check/types';
import type { QuoteSummary, SourceSummary, StatusParams } from '../protocol';
import type { VerbatimSettings } from '../settings';
import { Markup, type MarkupKindName } from './markdown';

/** Anything that turns an offset into a position: a TextDocument, or a source's LineIndex. */
export interface PositionConverter {
  positionAt(offset: number): Position;
}

export function toRange(conv: PositionConverter, span: Span): Range {
  return { start: conv.positionAt(span.start), end: conv.positionAt(span.end) };
}

/** URIs of source paths already converted: pathToFileURL is the costliest step of a diagnostic, once per finding per keystroke. */
const uris = new Map<string, string>();
const MAX_URIS = 50_000;

/** A source's host path as a URI (paths become file URIs; URIs pass through). */
export function toUri(path: string): string {
  let uri = uris.get(path);
  if (uri === undefined) {
    uri = /^[a-z][a-z0-9+.-]+:/i.test(path) && !/^[a-z]:[\\/]/i.test(path) ? path : pathToFileURL(path).href;
    if (uris.size >= MAX_URIS) uris.clear();
    uris.set(path, uri);
  }
  return uri;
}

export function sourceLocation(index: SourceIndex, source: AnalyzedSource, span: Span): Location {
  return { uri: toUri(source.path), range: toRange(index.lines(source), span) };
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

/** The setting that governs a finding code. */
export function severitySetting(settings: VerbatimSettings, code: FindingCode): Severity | 'default' | 'off' {
  switch (code) {
    case 'misquote':
      return settings.severity.misquote;
    case 'wrong-speaker':
      return settings.severity.wrongSpeaker;
    case 'unverified-quote':
      return settings.severity.unverifiedQuote;
    case 'unknown-source':
      return settings.severity.unknownSource;
  }
}

/** On one line (white space collapsed, trimmed), cut to `max` characters with an ellipsis when longer. */
export function shorten(s: string, max: number): string {
  if (s.length > 2 * max + 16) {
    // A long quote (fifty of them per completion list): collapsing a head is enough when it is already longer than
    // `max` (the rest cannot change what is kept), without a pass over the whole text.
    const head = s.slice(0, 2 * max + 16).replace(/\s+/g, ' ').trimStart();
    if (head.trimEnd().length > max) return head.slice(0, max - 1).trimEnd() + '…';
  }
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : one.slice(0, max - 1).trimEnd() + '…';
}

export const DIAGNOSTIC_SOURCE = 'verbatim';

/** A finding as a diagnostic, or undefined when its severity is set to off. */
export function toDiagnostic(
  doc: PositionConverter,
  finding: Finding,
  index: SourceIndex,
  settings: VerbatimSettings,
): Diagnostic | undefined {
  const setting = severitySetting(settings, finding.code);
  if (setting === 'off') return undefined;
  const sev = setting === 'default' ? finding.severity : setting;
  let message = finding.message;
  if (finding.difference && !message.includes(finding.difference.source)) {
    message += `\nsource: “${finding.difference.source}”\ndraft:  “${finding.difference.draft}”`;
  }
  const diagnostic: Diagnostic = {
    range: toRange(doc, finding.span),
    severity: toSeverity(sev),
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message,
  };
  const ref = finding.source;
  const source = ref && (index.sourceByPath(ref.path) ?? index.sourceById(ref.sourceId));
  if (ref && source) diagnostic.relatedInformation = [relatedSourcePassage(index, source, ref.span, ref.speaker)];
  return diagnostic;
}

/**
 * Where in a source a finding's words are, with the passage: the same for every keystroke that leaves the quotation
 * as it is, so kept per source (a re-indexed source is a new object) and span.
 */
const passages = new WeakMap<AnalyzedSource, Map<string, DiagnosticRelatedInformation>>();

function relatedSourcePassage(index: SourceIndex, source: AnalyzedSource, span: Span, speaker: string | null): DiagnosticRelatedInformation {
  let bySpan = passages.get(source);
  if (!bySpan) passages.set(source, (bySpan = new Map()));
  const key = `${span.start}:${span.end}:${speaker ?? ''}`;
  let info = bySpan.get(key);
  if (!info) {
    const words = shorten(source.text.slice(span.start, span.end), 160);
    info = { location: sourceLocation(index, source, span), message: `${speaker ?? 'Source'} in ${source.meta.title ?? source.meta.id}: “${words}”` };
    bySpan.set(key, info);
  }
  return info;
}

/** The finding's fixes as quick fixes, each with the diagnostic it resolves. */
export function toCodeActions(uri: string, doc: PositionConverter, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  return finding.fixes.map((fix, i) => {
    const action = CodeAction.create(fix.title, { changes: { [uri]: [{ range: toRange(doc, fix.span), newText: fix.newText }] } }, CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    if (i === 0) action.isPreferred = true;
    return action;
  });
}

const isBlank = (s: string) => /^\s*$/.test(s);

/** The blank-line-delimited paragraph holding [from, to), found by walking lines outwards (at most `reach` characters). */
function paragraphBounds(t: string, from: number, to: number, floor: number, reach = 20000): { start: number; end: number } {
  let start = t.lastIndexOf('\n', from - 1) + 1;
  while (start > floor && from - start < reach) {
    const prevStart = t.lastIndexOf('\n', start - 2) + 1;
    if (isBlank(t.slice(prevStart, start - 1))) break;
    start = prevStart;
  }
  let end = t.indexOf('\n', to);
  while (end >= 0 && end - to < reach) {
    const next = t.indexOf('\n', end + 1);
    if (isBlank(t.slice(end + 1, next < 0 ? t.length : next))) break;
    end = next;
  }
  return { start: Math.max(start, floor), end: end < 0 ? t.length : end };
}

/** The paragraph of a source around a span, clipped to about `max` characters, with the span's place in it. */
export function paragraphAround(source: AnalyzedSource, span: Span, max = 900): { text: string; marked: Span } {
  const t = source.text;
  let { start, end } = paragraphBounds(t, span.start, span.end, source.bodyStart);
  if (end - start > max) {
    const room = Math.max(0, max - (span.end - span.start));
    start = Math.max(start, span.start - Math.floor(room / 2));
    end = Math.min(end, Math.max(span.end, start + max));
  }
  const raw = t.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  const prefix = start > 0 && !/\s/.test(t[start - 1]) ? '…' : '';
  const suffix = end < t.length && !/\s/.test(t[end]) ? '…' : '';
  const clip = (o: number) => Math.max(0, Math.min(body.length, o - start - lead)) + prefix.length;
  return { text: prefix + body + suffix, marked: { start: clip(span.start), end: clip(span.end) } };
}

/** `#L12,5`: opens the file at that line in VS Code (and most editors ignore the fragment gracefully). */
export function sourceLink(index: SourceIndex, source: AnalyzedSource, offset: number): { uri: string; line: number } {
  const pos = index.lines(source).positionAt(offset);
  return { uri: `${toUri(source.path)}#L${pos.line + 1},${pos.character + 1}`, line: pos.line + 1 };
}

function sourceByline(m: Markup, source: AnalyzedSource): void {
  m.em(source.meta.title ?? source.meta.id);
  for (const part of [source.meta.outlet, source.meta.date]) if (part) m.sep(' · ').text(part);
}

function speakerLine(m: Markup, name: string, entity: Entity | undefined): void {
  m.strong(name);
  const role = [entity?.role, entity?.affiliation].filter(Boolean).join(', ');
  if (role) m.sep(', ').text(role);
}

const STATUS_LABEL: Record<DraftQuotation['status'], string> = {
  verified: '✓ Verified quotation',
  misquote: '✗ Misquoted: the wording differs from the source',
  'wrong-speaker': '✗ Wrong speaker',
  unverified: '? Not found in any source',
  short: 'Short quotation (not checked)',
};

export interface QuotationHoverInput {
  kind: MarkupKindName;
  quotation: DraftQuotation;
  /** The findings on this quotation. */
  findings: Finding[];
  index: SourceIndex;
  entityOf: (name: string) => Entity | undefined;
  /** The draft's position converter, for the hover range. */
  doc: PositionConverter;
}

export function quotationHover(input: QuotationHoverInput): Hover {
  const { quotation: q, index } = input;
  const m = new Markup(input.kind);
  m.strong(STATUS_LABEL[q.status]);
  m.newParagraph();
  const ref = q.match;
  const source = ref && (index.sourceByPath(ref.path) ?? index.sourceById(ref.sourceId));
  const speaker = ref?.speaker ?? null;
  if (speaker) {
    speakerLine(m, speaker, input.entityOf(speaker));
    m.lineBreak();
  } else if (source) {
    m.sep('No speaker found in the source').lineBreak();
  }
  if (q.attributedTo && speaker && q.attributedTo.name !== speaker && q.status === 'wrong-speaker') {
    m.text(`The draft gives it to ${q.attributedTo.name}.`).lineBreak();
  }
  if (source) sourceByline(m, source);
  // The finding's words (the diagnostic beside it carries the source/draft difference in full).
  for (const f of input.findings) m.newParagraph().text(f.message);
  if (source && ref) {
    const para = paragraphAround(source, ref.span);
    m.quoteBlock(para.text, [para.marked]);
    const link = sourceLink(index, source, ref.span.start);
    m.link(`Open the source at line ${link.line}`, link.uri);
  }
  return { contents: { kind: input.kind, value: m.toString() }, range: toRange(input.doc, q.outer) };
}

export function entityHover(kind: MarkupKindName, entity: Entity, index: SourceIndex, quoteCount: number, range: Range): Hover {
  const m = new Markup(kind);
  m.strong(entity.name).sep(' — ').text(entity.type);
  const role = [entity.role, entity.affiliation].filter(Boolean).join(', ');
  if (role) m.lineBreak().text(role);
  if (entity.aliases.length) m.lineBreak().sep('Also: ').text(entity.aliases.join(', '));
  const sources = new Set(entity.mentions.map((x) => x.sourceId));
  m.newParagraph().sep(
    `Quoted ${quoteCount} time${quoteCount === 1 ? '' : 's'} · mentioned ${entity.mentions.length} time${entity.mentions.length === 1 ? '' : 's'} in ${sources.size} source${sources.size === 1 ? '' : 's'}`,
  );
  const first = entity.mentions[0];
  const source = first && index.sourceById(first.sourceId);
  if (first && source) {
    const link = sourceLink(index, source, first.span.start);
    m.newParagraph().link(`First mention: ${source.meta.title ?? source.meta.id}, line ${link.line}`, link.uri);
  }
  return { contents: { kind, value: m.toString() }, range };
}

export function citationHover(kind: MarkupKindName, source: AnalyzedSource | undefined, key: string, index: SourceIndex, range: Range): Hover {
  const m = new Markup(kind);
  if (!source) {
    m.strong(`Unknown source @${key}`).newParagraph().text('No indexed source has this id.');
    return { contents: { kind, value: m.toString() }, range };
  }
  m.strong(source.meta.title ?? source.meta.id).lineBreak();
  const parts = [source.meta.outlet, source.meta.author && source.meta.author !== source.meta.outlet ? source.meta.author : undefined, source.meta.date].filter(
    (p): p is string => !!p,
  );
  parts.forEach((p, i) => (i ? m.sep(' · ').text(p) : m.text(p)));
  m.newParagraph().sep(`${source.quotes.length} quote${source.quotes.length === 1 ? '' : 's'} · `).text(`@${source.meta.id}`);
  if (source.meta.url) m.newParagraph().link(source.meta.url, source.meta.url);
  m.newParagraph().link('Open the source', sourceLink(index, source, source.bodyStart).uri);
  return { contents: { kind, value: m.toString() }, range };
}

export function quoteDocumentation(kind: MarkupKindName, quote: Quote, index: SourceIndex): MarkupContent | undefined {
  const source = index.sourceById(quote.sourceId);
  if (!source) return undefined;
  const m = new Markup(kind);
  sourceByline(m, source);
  const para = paragraphAround(source, quote.span, 700);
  m.quoteBlock(para.text, [para.marked]);
  return { kind, value: m.toString() };
}

/** Which marks a draft uses: curly unless it mostly uses straight ones. */
export function preferredMarks(text: string): { open: string; close: string } {
  let curly = 0;
  let straight = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c || c === 0x201d) curly++;
    else if (c === 0x22) straight++;
  }
  return straight > curly ? { open: '"', close: '"' } : { open: '“', close: '”' };
}

export interface QuoteCompletionInput {
  quote: Quote;
  index: SourceIndex;
  rank: number;
  docKind: MarkupKindName;
  /** The range the item replaces: the typed words (and an auto-inserted closing mark). */
  range: Range;
  /** What the writer typed (used as the filter prefix, so the server's order stands). */
  typed: string;
  /** Text inserted after the words (the closing mark), or the marks around the whole quotation. */
  before?: string;
  after: string;
  bySpeaker: boolean;
  /** Leave the documentation to completionItem/resolve (clients that support it). */
  lazyDocumentation?: boolean;
  /** The list gives `range` to every item (`itemDefaults.editRange`): the item carries only the text it inserts. */
  sharedRange?: boolean;
}

/** What a quote completion item carries for completionItem/resolve. */
export interface QuoteItemData {
  quoteId: number;
}

/**
 * How much of a quote the filter text carries after what was typed. VS Code's filter (fuzzyScore) reads no more
 * than the first 128 characters of a filter text and of what was typed, so the rest of a long quote only made each
 * response bigger (50 items carried every quote twice, here and in the edit).
 */
export const FILTER_QUOTE_CHARS = 128;

/** What the typed words are matched against on the client: them first (so the server's fuzzy order stands), then the quote's start. */
export function filterTextOf(typed: string, text: string): string {
  let end = Math.min(text.length, FILTER_QUOTE_CHARS);
  // Not between the two halves of a surrogate pair.
  if (end < text.length && end > 0 && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
  const head = end < text.length ? text.slice(0, end) : text;
  return typed ? `${typed} ${head}` : head;
}

export function quoteCompletionItem(input: QuoteCompletionInput): CompletionItem {
  const { quote, index } = input;
  const source = index.sourceById(quote.sourceId);
  const whole = input.before !== undefined;
  const label = whole ? `${input.before}${shorten(quote.text.replace(/,\s*$/, ''), 90)}${input.after}` : shorten(quote.text, 90);
  const newText = `${input.before ?? ''}${whole ? quote.text.replace(/,\s*$/, '') : quote.text}${input.after}`;
  return {
    label,
    labelDetails: { description: quote.speaker ?? undefined },
    kind: CompletionItemKind.Text,
    detail: `${quote.speaker ?? 'Unattributed'} — ${source?.meta.title ?? quote.sourceId}`,
    documentation: input.lazyDocumentation ? undefined : quoteDocumentation(input.docKind, quote, index),
    data: input.lazyDocumentation ? ({ quoteId: quote.id } satisfies QuoteItemData) : undefined,
    sortText: String(input.rank).padStart(5, '0'),
    filterText: filterTextOf(input.typed, quote.text),
    // Plain text is what an item without insertTextFormat inserts (LSP); one field less in each of 50 items.
    ...(input.sharedRange ? { textEditText: newText } : { textEdit: { range: input.range, newText } }),
    preselect: input.rank === 0 && input.bySpeaker ? true : undefined,
  };
}

export function citationCompletionItem(source: AnalyzedSource, range: Range, rank: number): CompletionItem {
  const doc = [source.meta.outlet, source.meta.date, `${source.quotes.length} quotes`].filter(Boolean).join(' · ');
  return {
    label: source.meta.id,
    kind: CompletionItemKind.Reference,
    detail: source.meta.title ?? source.meta.id,
    documentation: { kind: 'plaintext', value: doc },
    sortText: String(rank).padStart(5, '0'),
    textEdit: { range, newText: source.meta.id },
  };
}

export function entityCompletionItem(entity: Entity, range: Range, matchedForm: string, quoteCount: number, rank: number): CompletionItem {
  const role = [entity.role, entity.affiliation].filter(Boolean).join(', ');
  return {
    label: entity.name,
    labelDetails: role ? { description: role } : undefined,
    kind: entity.type === 'person' ? CompletionItemKind.Reference : entity.type === 'organization' ? CompletionItemKind.Module : CompletionItemKind.Constant,
    detail: role ? `${entity.name} — ${role}` : `${entity.name} (${entity.type})`,
    documentation: {
      kind: 'plaintext',
      value: `${entity.type}${entity.aliases.length ? ` · also ${entity.aliases.join(', ')}` : ''} · quoted ${quoteCount} times · ${entity.mentions.length} mentions`,
    },
    sortText: String(rank).padStart(5, '0'),
    filterText: matchedForm === entity.name ? entity.name : `${matchedForm} ${entity.name}`,
    textEdit: { range, newText: entity.name },
  };
}

/** The speaker a quotation is listed under: the name the draft gives (canonical when known), else the source's. */
function speakerOf(q: DraftQuotation, resolve: (name: string) => string | undefined): string {
  if (q.attributedTo) return resolve(q.attributedTo.name) ?? q.attributedTo.name;
  return q.match?.speaker ?? 'Unattributed';
}

const STATUS_WORD: Record<DraftQuotation['status'], string> = {
  verified: 'verified',
  misquote: 'misquoted',
  'wrong-speaker': 'wrong speaker',
  unverified: 'unverified',
  short: 'short, not checked',
};

/** The draft's quotations grouped by speaker (hierarchical), in order of first appearance. */
export function documentSymbols(doc: PositionConverter, quotations: DraftQuotation[], resolve: (name: string) => string | undefined): DocumentSymbol[] {
  const groups = new Map<string, DraftQuotation[]>();
  for (const q of quotations) {
    const speaker = speakerOf(q, resolve);
    groups.set(speaker, [...(groups.get(speaker) ?? []), q]);
  }
  return [...groups].map(([speaker, list]) => {
    const children: DocumentSymbol[] = list.map((q) => ({
      name: `“${shorten(q.text, 60)}”`,
      detail: STATUS_WORD[q.status],
      kind: SymbolKind.String,
      range: toRange(doc, q.outer),
      selectionRange: toRange(doc, q.span),
    }));
    const start = Math.min(...list.map((q) => q.outer.start));
    const end = Math.max(...list.map((q) => q.outer.end));
    return {
      name: speaker,
      detail: `${list.length} quotation${list.length === 1 ? '' : 's'}`,
      kind: SymbolKind.Object,
      range: toRange(doc, { start, end }),
      selectionRange: children[0].selectionRange,
      children,
    };
  });
}

/** The flat form, for clients without hierarchical document symbols. */
export function flatDocumentSymbols(
  uri: string,
  doc: PositionConverter,
  quotations: DraftQuotation[],
  resolve: (name: string) => string | undefined,
): SymbolInformation[] {
  return quotations.map((q) => ({
    name: `“${shorten(q.text, 60)}”`,
    kind: SymbolKind.String,
    location: { uri, range: toRange(doc, q.outer) },
    containerName: speakerOf(q, resolve),
  }));
}

/** A source quote as a workspace symbol; the name carries the speaker so editors that filter by name find both. */
export function quoteSymbol(index: SourceIndex, quote: Quote): SymbolInformation | undefined {
  const source = index.sourceById(quote.sourceId);
  if (!source) return undefined;
  return {
    name: `${quote.speaker ? `${quote.speaker}: ` : ''}“${shorten(quote.text, 80)}”`,
    kind: SymbolKind.String,
    location: sourceLocation(index, source, quote.span),
    containerName: source.meta.title ?? source.meta.id,
  };
}

export interface QuotationCounts {
  total: number;
  verified: number;
  misquoted: number;
  wrongSpeaker: number;
  unverified: number;
}

export function countQuotations(quotations: DraftQuotation[]): QuotationCounts {
  const c: QuotationCounts = { total: quotations.length, verified: 0, misquoted: 0, wrongSpeaker: 0, unverified: 0 };
  for (const q of quotations) {
    if (q.status === 'verified') c.verified++;
    else if (q.status === 'misquote') c.misquoted++;
    else if (q.status === 'wrong-speaker') c.wrongSpeaker++;
    else if (q.status === 'unverified') c.unverified++;
  }
  return c;
}

export function codeLensTitle(c: QuotationCounts): string {
  const parts = [`${c.total} quotation${c.total === 1 ? '' : 's'}`, `${c.verified} verified`, `${c.misquoted} misquoted`];
  if (c.wrongSpeaker) parts.push(`${c.wrongSpeaker} wrong speaker`);
  parts.push(`${c.unverified} unverified`);
  return parts.join(' · ');
}

export function summaryCodeLens(quotations: DraftQuotation[]): CodeLens {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    command: { title: codeLensTitle(countQuotations(quotations)), command: '' },
  };
}

/** The quotation as a writer would paste it: marks, attribution, citation key. A quote ending in a comma keeps it
 * and takes the attribution after it (“…,” Tim Ash said); any other quote is introduced (Tim Ash said: “…”). */
export function insertTextFor(quote: Quote, marks = { open: '“', close: '”' }): string {
  const words = `${marks.open}${quote.text}${marks.close}`;
  const cite = `[@${quote.sourceId}]`;
  if (!quote.speaker) return `${words} ${cite}`;
  return /,\s*$/.test(quote.text) ? `${words} ${quote.speaker} said ${cite}` : `${quote.speaker} said: ${words} ${cite}`;
}

export function sourceSummary(index: SourceIndex, source: AnalyzedSource, bundled: boolean): SourceSummary {
  const lines = index.lines(source);
  return {
    id: source.meta.id,
    title: source.meta.title,
    outlet: source.meta.outlet,
    date: source.meta.date,
    uri: toUri(source.path),
    bundled,
    quotes: source.quotes.map(
      (q): QuoteSummary => ({ id: q.id, text: q.text, speaker: q.speaker, kind: q.kind, range: lines.rangeOf(q.span), insertText: insertTextFor(q) }),
    ),
  };
}

export function status(
  index: SourceIndex,
  fields: { state: StatusParams['state']; speakers: number; problems: number; trusted: boolean; message?: string },
): StatusParams {
  return { ...fields, sources: index.sourceCount, quotes: index.quoteCount, entities: index.entityCount };
}
