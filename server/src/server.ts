// verbatim-language-server: speaks LSP over --stdio or --node-ipc. Thin: it wires the connection and the open
// documents to the handlers in lsp/ (one feature a file; lsp/toProto.ts is the only core→LSP conversion).
// The young generation is held at its starting size until the first index is built (node/youngGeneration.ts), and
// V8's optimising compiler waits while the start runs code once (node/optimizationHold.ts); imported first so that
// loading the other modules is held already.
import './node/holdAtStart';
import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serverCapabilities } from './lsp/capabilities';
import { registerCodeActions } from './lsp/codeActions';
import { registerCodeLens } from './lsp/codeLens';
import { registerCommands } from './lsp/commands';
import { registerCompletion } from './lsp/completion';
import { ServerContext } from './lsp/context';
import { registerDefinition } from './lsp/definition';
import { registerDiagnostics } from './lsp/diagnostics';
import { registerHover } from './lsp/hover';
import { IdleMemory, youngGcFrom } from './lsp/idleMemory';
import { registerReferences } from './lsp/references';
import { registerSources } from './lsp/sources';
import { registerSymbols } from './lsp/symbols';
import { keepSmallHeapTight } from './node/smallHeap';
import { releaseWhenQuiet } from './node/youngGeneration';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const ctx = new ServerContext(connection, documents);
// A failed request to the client (or a bug in a handler's promise) is logged; it never takes the server down.
process.on('unhandledRejection', (e) => connection.console.error(`Verbatim: ${e instanceof Error ? e.stack : String(e)}`));

connection.onInitialize((params) => {
  ctx.initialize(params);
  return { capabilities: serverCapabilities(), serverInfo: { name: 'verbatim-language-server', version: '0.1.0' } };
});

// The index cache is written a moment after indexing; a client that stops the server sooner waits for it here.
connection.onShutdown(() => ctx.workspace.flushCache());

// The first index is built (from the cache or not), and once the checks that follow it are done, requests' objects
// mostly die young: V8 sizes its young generation for them again. A small heap is kept tight from then on (not
// during the start, where the extra full collections cost a ×20 start a second of CPU before its heap is large).
void ctx.workspace.ready.then(() => {
  releaseWhenQuiet();
  keepSmallHeapTight();
});

const diagnostics = registerDiagnostics(ctx);
registerSources(ctx, diagnostics);
registerCompletion(ctx);
registerHover(ctx);
registerCodeActions(ctx);
registerDefinition(ctx);
registerReferences(ctx);
registerSymbols(ctx);
registerCodeLens(ctx);
registerCommands(ctx);

documents.listen(connection);
connection.listen();

// Once the server is quiet, V8's young generation grown by indexing is given back (32 → 1 MB of RSS at ×1).
const youngGc = youngGcFrom();
if (youngGc) new IdleMemory({ gc: youngGc });
