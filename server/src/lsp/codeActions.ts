// Quick fixes: the fixes of the checker's findings, each attached to the diagnostic it resolves. The findings are
// taken from the analysis of the document as it is now, so a fix is never computed on stale text.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { DIAGNOSTIC_SOURCE, toCodeActions, toDiagnostic } from './toProto';

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction((params) => provideCodeActions(ctx, params));
}

const sameRange = (a: Diagnostic['range'], b: Diagnostic['range']) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

const overlaps = (a: Diagnostic['range'], b: Diagnostic['range']) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

export function provideCodeActions(ctx: ServerContext, params: CodeActionParams): CodeAction[] | null {
  if (params.context.only && !params.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return null;
  const doc = ctx.draft(params.textDocument.uri);
  if (!doc) return null;
  const analysis = ctx.analyzer.analyze(doc);
  const actions: CodeAction[] = [];
  for (const finding of analysis.result.findings) {
    if (!finding.fixes.length) continue;
    const current = toDiagnostic(doc, finding, ctx.index, ctx.settings);
    if (!current || !overlaps(current.range, params.range)) continue;
    // Attach the diagnostic the client sent when it is this finding's (same code and range), else the current one.
    const sent = params.context.diagnostics.find(
      (d) => d.source === DIAGNOSTIC_SOURCE && d.code === finding.code && sameRange(d.range, current.range),
    );
    actions.push(...toCodeActions(doc.uri, doc, finding, sent ?? current));
  }
  return actions;
}
