// "Verbatim: Open Source" (also the status bar's click): pick a source and open it; or open a quote at its place.
import * as vscode from 'vscode';
import type { Range } from 'vscode-languageclient';
import type { SourceSummary } from '../../../server/src/protocol';
import type { SourcesModel } from '../sourcesModel';

export async function openSource(model: SourcesModel, given?: SourceSummary): Promise<void> {
  let source = given;
  if (!source) {
    const sources = await model.list();
    const pick = await vscode.window.showQuickPick(
      sources.map((s) => ({
        label: s.title ?? s.id,
        description: s.bundled ? `${s.id} (bundled)` : s.id,
        detail: [s.outlet, s.date, `${s.quotes.length} quotes`].filter(Boolean).join(' · '),
        source: s,
      })),
      { title: 'Verbatim: Open Source', placeHolder: 'Search sources by title or id', matchOnDescription: true, matchOnDetail: true },
    );
    source = pick?.source;
  }
  if (source) await vscode.window.showTextDocument(vscode.Uri.parse(source.uri), { preview: true });
}

/** Opens a source with the quote's words selected. */
export async function revealQuote(uri: string, range: Range): Promise<void> {
  const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: r, preview: true });
}
