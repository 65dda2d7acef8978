// How the VS Code client starts the language server: dist/server.js over node-ipc, with the server's Node flags
// (server/src/nodeFlags.ts). Apart from languageClient.ts so that a unit test can read it: `vscode-languageclient/node`
// loads `vscode`, which only exists inside the editor, so only its types are imported here.
import type { ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/nodeFlags';

/** TransportKind.ipc. */
const IPC: TransportKind = 1;

export function serverOptions(module: string): ServerOptions {
  return {
    run: { module, transport: IPC, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: IPC, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
}
