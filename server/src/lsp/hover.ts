// Hover: a citation key (the source's metadata), a quotation (verified or not, speaker, source, paragraph, link),
// or an entity name (who it is, how often quoted).
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { DraftQuotation, Finding } from '../core/check/types';
import type { ServerContext } from './context';
import { citationKeyAt } from './cursorContext';
import { IndexLookup } from './lookup';
import { citationHover, entityHover, quotationHover, toRange } from './toProto';
import type { DraftAnalysis } from './analysis';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover((params) => provideHover(ctx, params));
}

/** The quotation under an offset (marks included). */
export function quotationAtOffset(analysis: DraftAnalysis, offset: number): DraftQuotation | undefined {
  return analysis.quotations.find((q) => offset >= q.outer.start && offset <= q.outer.end);
}

export function findingsOn(analysis: DraftAnalysis, q: DraftQuotation): Finding[] {
  return analysis.result.findings.filter((f) => f.span.start < q.outer.end && f.span.end > q.outer.start);
}

export function provideHover(ctx: ServerContext, params: HoverParams): Hover | null {
  const doc = ctx.draft(params.textDocument.uri);
  if (!doc) return null;
  const text = doc.getText();
  const offset = doc.offsetAt(params.position);
  const kind = ctx.hoverKind();
  const index = ctx.index;

  const cite = citationKeyAt(text, offset);
  if (cite) return citationHover(kind, index.sourceById(cite.key), cite.key, index, toRange(doc, cite));

  const analysis = ctx.analyzer.analyze(doc);
  const quotation = quotationAtOffset(analysis, offset);
  const lookup = IndexLookup.of(index);
  if (quotation) {
    return quotationHover({
      kind,
      quotation,
      findings: findingsOn(analysis, quotation),
      index,
      entityOf: (name) => lookup.entity(name),
      doc,
    });
  }

  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const at = offset - lineStart;
  const mention = lookup.entityMentions(text.slice(lineStart, lineEnd)).find((m) => at >= m.start && at <= m.end);
  if (mention) {
    const range = toRange(doc, { start: lineStart + mention.start, end: lineStart + mention.end });
    return entityHover(kind, mention.entity, index, lookup.quotesBy(mention.entity.name).length, range);
  }
  return null;
}
