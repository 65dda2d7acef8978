// The status bar item: how many sources and quotes are indexed; a click opens the list of sources.
import * as vscode from 'vscode';
import type { SourcesModel } from './sourcesModel';

export function createStatusBar(model: SourcesModel): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('verbatim.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Verbatim';
  item.command = 'verbatim.openSource';
  const update = () => {
    const s = model.status;
    if (!s) item.text = '$(sync~spin) Verbatim';
    else if (s.state === 'indexing') item.text = `$(sync~spin) Verbatim: indexing…`;
    else item.text = `$(quote) ${s.sources} source${s.sources === 1 ? '' : 's'} · ${s.quotes} quote${s.quotes === 1 ? '' : 's'}`;
    const tip = new vscode.MarkdownString();
    const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
    if (s) {
      const summary = `Verbatim: ${n(s.sources, 'source', 'sources')}, ${n(s.quotes, 'quote', 'quotes')}, ${n(s.speakers, 'speaker', 'speakers')}, ${n(s.entities, 'person or organisation', 'people and organisations')}.`;
      tip.appendText(summary);
      // Screen readers read the tooltip's Markdown source (with &nbsp; escapes) unless told the plain words.
      item.accessibilityInformation = { label: summary, role: 'button' };
      if (s.problems) tip.appendText(`\n\n${s.problems} source${s.problems === 1 ? '' : 's'} could not be indexed (see the Verbatim output).`);
      if (s.message) tip.appendText(`\n\n${s.message}`);
      tip.appendText('\n\nClick to open a source.');
    }
    item.tooltip = tip;
    item.backgroundColor = s?.problems ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  update();
  const sub = model.onDidChange(update);
  return vscode.Disposable.from(item, sub);
}
