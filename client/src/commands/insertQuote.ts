// "Verbatim: Insert Quote…": a quick pick over every quote, searchable by its words or its speaker; the chosen one is
// inserted with its marks, attribution and citation key.
import * as vscode from 'vscode';
import type { QuoteSummary, SourceSummary } from '../../../server/src/protocol';
import type { SourcesModel } from '../sourcesModel';

interface QuotePick extends vscode.QuickPickItem {
  quote: QuoteSummary;
}

export async function insertIntoActiveEditor(text: string): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Verbatim: open a draft to insert the quote into.');
    return false;
  }
  return editor.edit((b) => {
    for (const sel of editor.selections) b.replace(sel, text);
  });
}

export async function insertQuote(model: SourcesModel): Promise<void> {
  const sources = await model.list();
  // Statements (attributed speech) first; fragments and scare quotes after them.
  const picks: QuotePick[] = sources.flatMap((s: SourceSummary) =>
    [...s.quotes].sort((a, b) => Number(a.kind !== 'statement') - Number(b.kind !== 'statement')).map((q) => ({
      label: `“${q.text}”`,
      description: q.speaker ?? (q.kind === 'fragment' ? 'fragment' : 'unattributed'),
      detail: [s.title ?? s.id, s.outlet, s.date].filter(Boolean).join(' · '),
      quote: q,
    })),
  );
  if (!picks.length) {
    void vscode.window.showInformationMessage('Verbatim: no quotes are indexed. Add sources under sources/ or set verbatim.sources.');
    return;
  }
  const chosen = await vscode.window.showQuickPick(picks, {
    title: 'Verbatim: Insert Quote',
    placeHolder: 'Search quotes by their words or their speaker',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (chosen) await insertIntoActiveEditor(chosen.quote.insertText);
}
