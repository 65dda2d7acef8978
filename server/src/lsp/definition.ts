// Go to definition: a quotation → the source passage it matches; a citation key → its source; an entity name →
// its first mention in the sources.
import type { DefinitionParams, Location } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { citationKeyAt } from './cursorContext';
import { quotationAtOffset } from './hover';
import { IndexLookup } from './lookup';
import { sourceLocation } from './toProto';

export function registerDefinition(ctx: ServerContext): void {
  ctx.connection.onDefinition((params) => provideDefinition(ctx, params));
}

export function provideDefinition(ctx: ServerContext, params: DefinitionParams): Location[] | null {
  const doc = ctx.draft(params.textDocument.uri);
  if (!doc) return null;
  const text = doc.getText();
  const offset = doc.offsetAt(params.position);
  const index = ctx.index;

  const cite = citationKeyAt(text, offset);
  if (cite) {
    const source = index.sourceById(cite.key);
    return source ? [sourceLocation(index, source, { start: source.bodyStart, end: source.bodyStart })] : null;
  }
  const quotation = quotationAtOffset(ctx.analyzer.analyze(doc), offset);
  if (quotation) {
    const ref = quotation.match;
    const source = ref && (index.sourceByPath(ref.path) ?? index.sourceById(ref.sourceId));
    return ref && source ? [sourceLocation(index, source, ref.span)] : null;
  }
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const mention = IndexLookup.of(index)
    .entityMentions(text.slice(lineStart, lineEnd))
    .find((m) => offset - lineStart >= m.start && offset - lineStart <= m.end);
  const first = mention?.entity.mentions[0];
  const source = first && index.sourceById(first.sourceId);
  return first && source ? [sourceLocation(index, source, first.span)] : null;
}
