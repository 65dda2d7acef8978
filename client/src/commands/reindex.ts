// "Verbatim: Re-index Sources": reads every source again, with progress in the window.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReindexRequest } from '../../../server/src/protocol';

export async function reindex(client: LanguageClient): Promise<void> {
  const status = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Verbatim: re-indexing sources' },
    () => client.sendRequest(ReindexRequest),
  );
  void vscode.window.setStatusBarMessage(`Verbatim: ${status.sources} sources, ${status.quotes} quotes indexed`, 4000);
}
