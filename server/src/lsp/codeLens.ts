// A code lens at the top of a draft: how many quotations, verified, misquoted, unverified.
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { summaryCodeLens } from './toProto';

export function registerCodeLens(ctx: ServerContext): void {
  ctx.connection.onCodeLens((params) => provideCodeLens(ctx, params));
}

export function provideCodeLens(ctx: ServerContext, params: CodeLensParams): CodeLens[] | null {
  const doc = ctx.draft(params.textDocument.uri);
  if (!doc) return null;
  return [summaryCodeLens(ctx.analyzer.analyze(doc).quotations)];
}
