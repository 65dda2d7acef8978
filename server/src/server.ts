// verbatim-language-server: speaks LSP over --stdio or --node-ipc. Thin: handlers live in lsp/.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
  serverInfo: { name: 'verbatim-language-server', version: '0.1.0' },
}));

documents.listen(connection);
connection.listen();
