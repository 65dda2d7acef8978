// What the server announces in its initialize result.
import { TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';
import { SERVER_COMMANDS } from './commands';
import { TRIGGER_CHARACTERS } from './completion';

export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: true, completionItem: { labelDetailsSupport: true } },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentSymbolProvider: { label: 'Quotations' },
    workspaceSymbolProvider: true,
    codeActionProvider: { codeActionKinds: ['quickfix'] },
    codeLensProvider: { resolveProvider: false },
    executeCommandProvider: { commands: SERVER_COMMANDS },
    // Folders added or removed while the server runs are indexed or dropped (lsp/sources.ts).
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
