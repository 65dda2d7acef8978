// Preloaded into the language server by the robustness tests only (NODE_OPTIONS=--require, see serverProbe.ts), never
// shipped: on SIGUSR2 it runs two full garbage collections and writes the process's memory to stderr as one line,
//   verbatim-gc-probe {"seq":1,"rss":…,"heapUsed":…,"heapTotal":…,"external":…,"arrayBuffers":…}
// so a test can compare memory before and after a storm without counting garbage that is merely not yet collected.
// stdout is the LSP channel; this writes to stderr only.
'use strict';
const v8 = require('node:v8');
const vm = require('node:vm');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
let seq = 0;

process.on('SIGUSR2', () => {
  gc();
  // A second collection after the event loop turns frees what the first one only made unreachable (weak callbacks).
  setImmediate(() => {
    gc();
    const m = process.memoryUsage();
    process.stderr.write(
      `verbatim-gc-probe ${JSON.stringify({ seq: ++seq, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers })}\n`,
    );
  });
});
