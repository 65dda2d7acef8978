// A worker for the pool tests: the real analysis worker, except that it dies (exit code 7) on a file whose name starts
// with "crash-", as a worker would on a file that exhausts its memory or meets a bug that kills the thread.
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';
import '../../../server/src/node/analyzeWorker';

parentPort!.on('message', (m: { file?: string }) => {
  if (m.file && basename(m.file).startsWith('crash-')) process.exit(7);
});
