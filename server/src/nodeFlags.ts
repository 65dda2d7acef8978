// The Node flags the language server is started with: by the VS Code client (client/src/serverOptions.ts), and by
// the tests and benchmarks that start it as the client does (test/lsp/helpers/lspClient.ts). Other editors start
// `verbatim-language-server` themselves and may pass them too (README).
//
// --max-semi-space-size: V8's young generation is two semi-spaces of up to 16 MB each by default, and a server that
// indexes a corpus at start grows them to the full 32 MB, resident from then on, for objects that mostly live for one
// request. 8 MB each keeps 16 MB resident (BBC ×1: RSS at the end of the benchmark's workload about 210 → 190 MB)
// for a few more young-generation collections (docs/PERFORMANCE.md, "Server memory (session 3)").
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
