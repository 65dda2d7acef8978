// The analysis worker (bundled as dist/analyzeWorker.js): reads, decodes and analyses the files the pool sends it, one
// at a time, and posts back the result as JSON (see analysisMessages.ts). The file is read here, not in the server, so
// its text crosses the thread boundary once (in the result) instead of twice. See node/analysisPool.ts.
import { parentPort } from 'node:worker_threads';
import { readSource } from './readSource';
import type { WorkerReply, WorkerRequest } from './analysisMessages';

const port = parentPort;
if (!port) throw new Error('analyzeWorker runs as a worker thread of the Verbatim server or CLI, not on its own');

port.on('message', async (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: req.id, json: JSON.stringify(await readSource(req.file)) };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
// Everything above has loaded: the pool may send work (a worker that dies before this is one that cannot start).
port.postMessage({ ready: true } satisfies WorkerReply);
