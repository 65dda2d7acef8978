// Completion: source quotes inside an opened quotation (fuzzy, best first, the named speaker's first); whole
// quotations after "Peskov said " / "according to Ash, "; citation keys after `[@`; entity names.
import { CompletionTriggerKind, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { attributionBefore, citationKeyBefore, openQuotationAt, wordBefore } from './cursorContext';
import { IndexLookup } from './lookup';
import { citationCompletionItem, entityCompletionItem, preferredMarks, quoteCompletionItem, quoteDocumentation, type QuoteItemData } from './toProto';

export const TRIGGER_CHARACTERS = ['“', '"', '@', ' '];
const MAX_ITEMS = 50;

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion((params) => provideCompletion(ctx, params));
  ctx.connection.onCompletionResolve((item) => resolveCompletion(ctx, item));
}

/** Fills in a quote item's documentation (the source paragraph) when the client shows it. */
export function resolveCompletion(ctx: ServerContext, item: CompletionItem): CompletionItem {
  const data = item.data as QuoteItemData | undefined;
  const quote = typeof data?.quoteId === 'number' ? IndexLookup.of(ctx.index).quote(data.quoteId) : undefined;
  if (quote && !item.documentation) item.documentation = quoteDocumentation(ctx.completionKind(), quote, ctx.index);
  return item;
}

/**
 * Where the replaced range ends: through the closing mark when the quotation is already closed later on the line
 * (an auto-inserted mark, or editing inside a quotation), so accepting never doubles the mark.
 */
function closingAfter(text: string, offset: number, closing: string): number {
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  for (let i = offset; i < lineEnd; i++) {
    const c = text[i];
    if (c === closing || (closing !== '"' && c === '”')) return i + 1;
    if (c === '“') break;
  }
  return offset;
}

export function provideCompletion(ctx: ServerContext, params: CompletionParams): CompletionList | null {
  const doc = ctx.draft(params.textDocument.uri);
  if (!doc) return null;
  const text = doc.getText();
  const offset = doc.offsetAt(params.position);
  const index = ctx.index;
  const lookup = IndexLookup.of(index);
  const trigger = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? params.context.triggerCharacter : undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lazy = ctx.features.completionResolveDocs;
  // Quote items all replace one range: said once for the list when the client reads it there (VS Code does).
  const sharedRange = ctx.features.completionEditRange;

  // Citation keys: `[@bne…`
  const cite = citationKeyBefore(text, offset);
  if (cite) {
    const prefix = cite.prefix.toLowerCase();
    const range = { start: doc.positionAt(cite.start), end: params.position };
    const sources = index.sources
      .filter((s) => !prefix || s.meta.id.toLowerCase().includes(prefix))
      .sort((a, b) => Number(!a.meta.id.toLowerCase().startsWith(prefix)) - Number(!b.meta.id.toLowerCase().startsWith(prefix)) || a.meta.id.localeCompare(b.meta.id));
    return { isIncomplete: false, items: sources.slice(0, 200).map((s, i) => citationCompletionItem(s, range, i)) };
  }
  if (trigger === '@') return null;

  // Inside an opened quotation: the quotes that match what has been typed.
  const open = openQuotationAt(text, offset);
  if (open) {
    const rangeStart = Math.max(open.mark + 1, lineStart);
    const rangeEnd = closingAfter(text, offset, open.closing);
    const range = { start: doc.positionAt(rangeStart), end: doc.positionAt(rangeEnd) };
    const said = attributionBefore(text, open.mark);
    const speaker = said ? lookup.resolveName(said.name) : undefined;
    const ranked = lookup.searchQuotes(open.typed, { speaker, limit: MAX_ITEMS });
    const typed = text.slice(rangeStart, offset);
    const items = ranked.map((r, i) =>
      quoteCompletionItem({ quote: r.quote, index, rank: i, docKind: ctx.completionKind(), range, typed, after: open.closing, bySpeaker: r.bySpeaker, lazyDocumentation: lazy, sharedRange }),
    );
    // Every keystroke narrows the fuzzy match on the server, so the client asks again.
    return { isIncomplete: true, ...(sharedRange ? { itemDefaults: { editRange: range } } : {}), items };
  }

  // "Peskov said " / "according to Ash, ": that speaker's quotes as whole quotations.
  const said = attributionBefore(text, offset);
  if (said) {
    const speaker = lookup.resolveName(said.name);
    if (!speaker) return null;
    const own = lookup.quotesBy(speaker);
    if (!own.length) return null;
    const marks = preferredMarks(text);
    const range = { start: params.position, end: params.position };
    const ordered = [...own].sort((a, b) => Number(a.kind !== 'statement') - Number(b.kind !== 'statement') || a.id - b.id);
    const others = trigger ? [] : lookup.searchQuotes('', { limit: MAX_ITEMS }).map((r) => r.quote).filter((q) => q.speaker !== speaker);
    const items = [...ordered, ...others]
      .slice(0, MAX_ITEMS)
      .map((quote, i) =>
        quoteCompletionItem({ quote, index, rank: i, docKind: ctx.completionKind(), range, typed: '', before: marks.open, after: marks.close, bySpeaker: quote.speaker === speaker, lazyDocumentation: lazy, sharedRange }),
      );
    return { isIncomplete: false, ...(sharedRange ? { itemDefaults: { editRange: range } } : {}), items };
  }
  if (trigger) return null;

  // Entity names, canonical spelling first: typing "Zel" offers "Volodymyr Zelenskiy".
  const { start, word } = wordBefore(text, offset);
  const w = word.toLowerCase();
  const range = { start: doc.positionAt(start), end: params.position };
  const items: CompletionItem[] = [];
  const scored: { e: ReturnType<typeof lookup.entities>[number]; form: string; quotes: number }[] = [];
  for (const e of lookup.entities()) {
    const forms = [e.name, ...e.aliases, ...e.name.split(/\s+/)];
    const form = forms.find((f) => f.toLowerCase().startsWith(w));
    if (form === undefined) continue;
    scored.push({ e, form, quotes: e.type === 'person' ? lookup.quotesBy(e.name).length : 0 });
  }
  scored.sort((a, b) => b.quotes - a.quotes || b.e.mentions.length - a.e.mentions.length || a.e.name.localeCompare(b.e.name));
  scored.slice(0, MAX_ITEMS).forEach((s, i) => items.push(entityCompletionItem(s.e, range, s.form, s.quotes, i)));
  return { isIncomplete: false, items };
}
