// The VS Code side, thin: starts the language server and adds the status bar item, the commands and the Sources
// view. Completion, hover, diagnostics and the rest come from the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { insertIntoActiveEditor, insertQuote } from './commands/insertQuote';
import { openSource, revealQuote } from './commands/openSource';
import { reindex } from './commands/reindex';
import { createClient, watchClientSettings } from './languageClient';
import { SourcesModel } from './sourcesModel';
import { quoteOf, sourceOf, SourcesView } from './sourcesView';
import { createStatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const model = new SourcesModel();
  const start = async (next: LanguageClient) => {
    client = next;
    await next.start();
    model.attach(next);
  };
  context.subscriptions.push(
    model,
    createStatusBar(model),
    vscode.window.registerTreeDataProvider('verbatim.sources', new SourcesView(model)),
    vscode.commands.registerCommand('verbatim.insertQuote', () => insertQuote(model)),
    vscode.commands.registerCommand('verbatim.openSource', (node?: unknown) => openSource(model, sourceOf(node))),
    vscode.commands.registerCommand('verbatim.reindex', () => client && reindex(client)),
    vscode.commands.registerCommand('verbatim.revealQuote', (uri: string, range) => revealQuote(uri, range)),
    vscode.commands.registerCommand('verbatim.insertQuoteFromView', (node?: unknown) => {
      const quote = quoteOf(node);
      return quote ? insertIntoActiveEditor(quote.insertText) : insertQuote(model);
    }),
    { dispose: () => void client?.stop() },
  );
  watchClientSettings(context, () => client!, start);
  await start(createClient(context));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
