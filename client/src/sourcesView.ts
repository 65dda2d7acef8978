// The "Sources" view in the Explorer: sources → speakers → quotes. A click opens the quote in its source; the inline
// action on a quote inserts it into the active draft.
import * as vscode from 'vscode';
import type { QuoteSummary, SourceSummary } from '../../server/src/protocol';
import type { SourcesModel } from './sourcesModel';

type Node =
  | { type: 'source'; source: SourceSummary }
  | { type: 'speaker'; source: SourceSummary; speaker: string; quotes: QuoteSummary[] }
  | { type: 'quote'; source: SourceSummary; quote: QuoteSummary };

function short(s: string, max = 70): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

export class SourcesView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: SourcesModel) {
    model.onDidChange(() => this.changed.fire(undefined));
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return (await this.model.list()).map((source) => ({ type: 'source', source }));
    if (node.type === 'source') {
      const groups = new Map<string, QuoteSummary[]>();
      for (const q of node.source.quotes) {
        const key = q.speaker ?? (q.kind === 'fragment' ? 'Fragments and scare quotes' : 'Unattributed');
        groups.set(key, [...(groups.get(key) ?? []), q]);
      }
      const order = [...groups.keys()].sort((a, b) => Number(!groups.get(a)![0].speaker) - Number(!groups.get(b)![0].speaker) || a.localeCompare(b));
      return order.map((speaker) => ({ type: 'speaker', source: node.source, speaker, quotes: groups.get(speaker)! }));
    }
    if (node.type === 'speaker') return node.quotes.map((quote) => ({ type: 'quote', source: node.source, quote }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'source') {
      const item = new vscode.TreeItem(node.source.title ?? node.source.id, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = [node.source.outlet, node.source.date].filter(Boolean).join(' · ');
      item.tooltip = `${node.source.title ?? node.source.id}\n@${node.source.id}\n${node.source.quotes.length} quotes`;
      item.iconPath = new vscode.ThemeIcon(node.source.bundled ? 'library' : 'file-text');
      item.contextValue = 'verbatimSource';
      item.resourceUri = vscode.Uri.parse(node.source.uri);
      return item;
    }
    if (node.type === 'speaker') {
      const item = new vscode.TreeItem(node.speaker, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.quotes.length}`;
      item.iconPath = new vscode.ThemeIcon('person');
      item.contextValue = 'verbatimSpeaker';
      return item;
    }
    const item = new vscode.TreeItem(`“${short(node.quote.text)}”`, vscode.TreeItemCollapsibleState.None);
    item.tooltip = new vscode.MarkdownString().appendText(`“${node.quote.text}”\n\n— ${node.quote.speaker ?? 'unattributed'}, ${node.source.title ?? node.source.id}`);
    item.iconPath = new vscode.ThemeIcon('quote');
    item.contextValue = 'verbatimQuote';
    item.command = { command: 'verbatim.revealQuote', title: 'Open in Source', arguments: [node.source.uri, node.quote.range] };
    return item;
  }
}

/** The tree node the inline action was invoked on, or undefined when run otherwise. */
export function quoteOf(arg: unknown): QuoteSummary | undefined {
  const node = arg as Node | undefined;
  return node?.type === 'quote' ? node.quote : undefined;
}

export function sourceOf(arg: unknown): SourceSummary | undefined {
  const node = arg as Node | undefined;
  return node?.type === 'source' ? node.source : undefined;
}
