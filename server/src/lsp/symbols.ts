// Document symbols: the draft's quotations grouped by speaker. Workspace symbols: every source quote, searched by
// its words or its speaker.
import type { DocumentSymbol, DocumentSymbolParams, SymbolInformation, WorkspaceSymbolParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { IndexLookup, normalize } from './lookup';
import { documentSymbols, flatDocumentSymbols, quoteSymbol } from './toProto';

const MAX_WORKSPACE_SYMBOLS = 200;

export function registerSymbols(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol((params) => provideDocumentSymbols(ctx, params));
  ctx.connection.onWorkspaceSymbol((params) => provideWorkspaceSymbols(ctx, params));
}

export function provideDocumentSymbols(ctx: ServerContext, params: DocumentSymbolParams): DocumentSymbol[] | SymbolInformation[] | null {
  const doc = ctx.draft(params.textDocument.uri);
  if (!doc) return null;
  const { quotations } = ctx.analyzer.analyze(doc);
  const lookup = IndexLookup.of(ctx.index);
  const resolve = (name: string) => lookup.resolveName(name);
  return ctx.features.hierarchicalSymbols ? documentSymbols(doc, quotations, resolve) : flatDocumentSymbols(doc.uri, doc, quotations, resolve);
}

/** Every query word must start a word of the quote or of its speaker ("peskov unlikely", "ash bully"). */
export function provideWorkspaceSymbols(ctx: ServerContext, params: WorkspaceSymbolParams): SymbolInformation[] {
  const plain = (t: string) => normalize(t).replace(/[^\p{L}\p{N}' ]+/gu, ' ');
  const words = plain(params.query).split(' ').filter(Boolean);
  const out: SymbolInformation[] = [];
  for (const quote of ctx.index.quotes()) {
    if (words.length) {
      const hay = ` ${plain(`${quote.speaker ?? ''} ${quote.text}`)}`;
      if (!words.every((w) => hay.includes(` ${w}`))) continue;
    }
    const symbol = quoteSymbol(ctx.index, quote);
    if (symbol) out.push(symbol);
    if (out.length >= MAX_WORKSPACE_SYMBOLS) break;
  }
  return out;
}
