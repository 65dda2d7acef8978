// The client's copy of the server's sources and status, refreshed when the server says the index changed.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ListSourcesRequest, StatusNotification, StatusRequest, type SourceSummary, type StatusParams } from '../../server/src/protocol';

export class SourcesModel implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private sources: SourceSummary[] | undefined;
  status: StatusParams | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private listener: vscode.Disposable | undefined;

  /** Follows a (new) client: its status notifications refresh the model. */
  attach(client: LanguageClient): void {
    this.client = client;
    this.listener?.dispose();
    this.listener = client.onNotification(StatusNotification, (s) => {
      this.status = s;
      if (s.state === 'ready') this.sources = undefined;
      this.changed.fire();
    });
    void client.sendRequest(StatusRequest).then(
      (s) => {
        this.status = s;
        this.changed.fire();
      },
      () => undefined,
    );
  }

  async list(): Promise<SourceSummary[]> {
    if (!this.client) return [];
    this.sources ??= await this.client.sendRequest(ListSourcesRequest);
    return this.sources;
  }

  dispose(): void {
    this.listener?.dispose();
    this.changed.dispose();
  }
}
