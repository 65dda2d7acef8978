// Throwaway LSP server that proves the Neovim/Emacs drivers work before the real server is ready:
// one diagnostic per document, one completion item, one hover. Run: node stub-server.js --stdio
'use strict';
const {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, CompletionItemKind, MarkupKind,
} = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Full,
    completionProvider: {},
    hoverProvider: true,
  },
}));

// The message names the languageId and line count, so a test can see what the client really sent.
documents.onDidChangeContent(({ document }) => {
  connection.sendDiagnostics({
    uri: document.uri,
    diagnostics: [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
      severity: DiagnosticSeverity.Warning,
      source: 'stub',
      message: `stub diagnostic: ${document.languageId}, ${document.lineCount} lines`,
    }],
  });
});

connection.onCompletion(() => [
  { label: 'stub-completion', kind: CompletionItemKind.Text, detail: 'from the stub server', insertText: 'stub-completion' },
]);

connection.onHover(({ position }) => ({
  contents: { kind: MarkupKind.Markdown, value: `**stub hover** at ${position.line}:${position.character}` },
}));

documents.listen(connection);
connection.listen();
