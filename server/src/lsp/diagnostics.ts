// Findings as diagnostics, debounced per document. A result is published only for the version it was computed for,
// and only while that version is still the document's current one: a stale result is never shown.
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from './context';
import { toDiagnostic } from './toProto';

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents that currently show diagnostics (so a document leaving the languages is cleared). */
  private readonly shown = new Set<string>();

  constructor(private readonly ctx: ServerContext) {}

  schedule(uri: string, delay = this.ctx.diagnosticsDelay): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.run(uri);
      }, delay),
    );
  }

  scheduleAll(delay = 0): void {
    for (const doc of this.ctx.documents.all()) this.schedule(doc.uri, delay);
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  /** Publishes an empty list for a closed document or one that is no longer checked. */
  clear(uri: string): void {
    this.cancel(uri);
    this.ctx.analyzer.forget(uri);
    if (this.shown.delete(uri)) void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The diagnostics for the document as it is now. */
  compute(doc: TextDocument): Diagnostic[] {
    const analysis = this.ctx.analyzer.analyze(doc);
    const out: Diagnostic[] = [];
    for (const f of analysis.result.findings) {
      const d = toDiagnostic(doc, f, this.ctx.index, this.ctx.settings);
      if (d) out.push(d);
    }
    return out;
  }

  private async run(uri: string): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    if (!doc) return;
    if (!this.ctx.isDraft(doc)) {
      this.clear(uri);
      return;
    }
    // Until the first indexing is done, every quotation would look unverified: wait for it.
    if (this.ctx.workspace.state !== 'ready') {
      await this.ctx.workspace.ready;
      if (this.ctx.documents.get(uri)?.version !== doc.version) return;
    }
    const version = doc.version;
    const diagnostics = this.compute(doc);
    if (this.ctx.documents.get(uri)?.version !== version) return; // edited meanwhile: the newer version has its own run
    this.shown.add(uri);
    void this.ctx.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}

export function registerDiagnostics(ctx: ServerContext): DiagnosticsScheduler {
  const scheduler = new DiagnosticsScheduler(ctx);
  // TextDocuments fires onDidOpen then onDidChangeContent for an open: the open runs at once, later edits are debounced.
  const opening = new Set<string>();
  ctx.documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    scheduler.schedule(e.document.uri, 0);
  });
  ctx.documents.onDidChangeContent((e) => {
    if (!opening.delete(e.document.uri)) scheduler.schedule(e.document.uri);
  });
  ctx.documents.onDidClose((e) => scheduler.clear(e.document.uri));
  return scheduler;
}
