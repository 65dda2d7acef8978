// Sources are analysed in worker threads, so that a huge one does not stop the server from answering completion
// and hover while it is read (the core's analyzeSource is synchronous: 10 MB take seconds), and so that a cold index
// uses every core. Workers start on demand, each takes one file at a time, and they stop after a while without work
// so their memory goes back. A worker that cannot start is reported once and the files are analysed in this thread;
// a worker that dies on a file costs that file alone (a problem naming it), and a new worker takes the rest.
import { availableParallelism, cpus } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReadResult, WorkerReply, WorkerRequest } from './analysisMessages';
import type { FileProblem } from './loadSources';
import { readSource } from './readSource';

export interface AnalysisPoolOptions {
  /** Number of workers (default: one per core, at most 4). */
  size?: number;
  /** Workers without work for this long are stopped (default 30 s). */
  idleMs?: number;
  log?: (message: string) => void;
  /** The worker script (default: analyzeWorker.js beside the running bundle, or analyzeWorker.ts under tsx). */
  workerFile?: string;
}

export const MAX_WORKERS = 4;

/** One worker per core, at most MAX_WORKERS, at least one (even on one core: it keeps the server answering). */
export function defaultPoolSize(): number {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
  return Math.max(1, Math.min(MAX_WORKERS, cores));
}

interface Job {
  id: number;
  file: string;
  resolve: (r: ReadResult) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  /** Stopped on purpose (idle, close): its exit is not a crash. */
  stopping?: boolean;
}

export class AnalysisPool {
  readonly size: number;
  readonly idleMs: number;
  /** What happened, for the log, the tests and the benchmarks. */
  readonly stats = { inWorkers: 0, inThread: 0, crashed: 0, workersStarted: 0 };
  private readonly log: (message: string) => void;
  private readonly workerFile: string;
  private readonly queue: Job[] = [];
  private readonly slots = new Set<Slot>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Set when a worker could not start: from then on files are analysed in this thread. */
  private inThreadReason: string | undefined;
  private closed = false;

  constructor(opts: AnalysisPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.size ?? defaultPoolSize()));
    this.idleMs = opts.idleMs ?? 30_000;
    this.log = opts.log ?? (() => undefined);
    this.workerFile = opts.workerFile ?? defaultWorkerFile();
  }

  /** How many files to keep started at once: two per worker, so a worker never waits for the next one. */
  get inFlight(): number {
    return this.size * 2;
  }

  /** Workers alive now (starting, busy or idle). */
  get workers(): number {
    return this.slots.size;
  }

  /** Why files are analysed in this thread, when they are. */
  get fallback(): string | undefined {
    return this.inThreadReason;
  }

  /** Reads, decodes and analyses one file in a worker. Never rejects: every failure is a problem naming the file. */
  read = (file: string): Promise<ReadResult> => {
    if (this.closed || this.inThreadReason !== undefined) return this.readHere(file);
    return new Promise<ReadResult>((resolve) => {
      this.queue.push({ id: this.nextId++, file, resolve });
      this.dispatch();
    });
  };

  /** Stops every worker; files asked for afterwards are analysed in this thread. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const job of this.queue.splice(0)) void this.readHere(job.file).then(job.resolve);
    await Promise.all([...this.slots].map((s) => this.stop(s)));
  }

  private readHere(file: string): Promise<ReadResult> {
    this.stats.inThread++;
    return readSource(file);
  }

  private dispatch(): void {
    clearTimeout(this.idleTimer);
    if (this.inThreadReason !== undefined) {
      for (const job of this.queue.splice(0)) void this.readHere(job.file).then(job.resolve);
      // Workers still busy finish their file and are stopped when they come back here.
      for (const s of [...this.slots]) if (!s.job) void this.stop(s);
      return;
    }
    for (const slot of this.slots) {
      if (!this.queue.length) break;
      if (slot.ready && !slot.job) this.give(slot, this.queue.shift()!);
    }
    const starting = [...this.slots].filter((s) => !s.ready).length;
    while (this.queue.length > starting && this.slots.size < this.size && this.inThreadReason === undefined) this.spawn();
    if (!this.queue.length && [...this.slots].every((s) => !s.job)) this.scheduleIdleStop();
  }

  private give(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref(); // a file in progress keeps the process alive (the CLI waits for it)
    slot.worker.postMessage({ id: job.id, file: job.file } satisfies WorkerRequest);
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = startWorker(this.workerFile);
    } catch (e) {
      this.cannotStart(e instanceof Error ? e.message : String(e));
      return;
    }
    this.stats.workersStarted++;
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    // The server speaks LSP on stdout: nothing a worker prints may go there.
    for (const stream of [worker.stdout, worker.stderr]) stream?.on('data', (d) => this.log(`Verbatim analysis worker: ${String(d).trimEnd()}`));
    worker.on('message', (m: WorkerReply) => this.onReply(slot, m));
    worker.on('error', (e) => this.onExit(slot, e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => this.onExit(slot, `it exited with code ${code}`));
  }

  private onReply(slot: Slot, m: WorkerReply): void {
    if ('ready' in m) {
      slot.ready = true;
      this.dispatch();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== m.id) return;
    slot.job = undefined;
    slot.worker.unref(); // an idle worker does not keep the process alive
    this.stats.inWorkers++;
    if ('json' in m) job.resolve(JSON.parse(m.json) as ReadResult);
    else job.resolve(failed(job.file, `could not be analysed (${m.error}); it was not indexed`));
    this.dispatch();
  }

  private onExit(slot: Slot, reason: string): void {
    if (!this.slots.delete(slot) || slot.stopping) return;
    if (!slot.ready) {
      this.cannotStart(reason);
      return;
    }
    const job = slot.job;
    if (job) {
      this.stats.crashed++;
      this.log(`Verbatim: the analysis worker stopped while reading ${job.file} (${reason}); a new one takes the other files.`);
      job.resolve(failed(job.file, `could not be analysed: the analysis stopped on this file (${reason}); it was not indexed`));
    }
    this.dispatch();
  }

  private cannotStart(reason: string): void {
    if (this.inThreadReason !== undefined) return;
    this.inThreadReason = reason;
    this.log(
      `Verbatim: the analysis worker ${this.workerFile} could not start (${reason}); sources are analysed in the server's own thread, ` +
        'so requests wait while a large source is read.',
    );
    this.dispatch();
  }

  private scheduleIdleStop(): void {
    if (!this.slots.size) return;
    this.idleTimer = setTimeout(() => {
      for (const s of [...this.slots]) if (!s.job) void this.stop(s);
    }, this.idleMs);
    this.idleTimer.unref?.();
  }

  private async stop(slot: Slot): Promise<void> {
    slot.stopping = true;
    this.slots.delete(slot);
    if (slot.job) slot.job.resolve(failed(slot.job.file, 'was not indexed: the analysis was stopped'));
    await slot.worker.terminate().catch(() => undefined);
  }
}

function failed(file: string, message: string): ReadResult {
  const problem: FileProblem = { path: file, severity: 'warning', message };
  return { problems: [problem] };
}

/** The worker script: beside the running bundle (dist/server.js, dist/cli.js), or the TypeScript source under tsx. */
export function defaultWorkerFile(): string {
  return path.join(__dirname, __filename.endsWith('.ts') ? 'analyzeWorker.ts' : 'analyzeWorker.js');
}

function startWorker(file: string): Worker {
  const options = { name: 'verbatim-analysis', stdout: true, stderr: true } as const;
  if (!file.endsWith('.ts')) return new Worker(file, options);
  // Under tsx (tests, benchmarks) a worker does not inherit the TypeScript loader: it is required into the worker.
  return new Worker(file, { ...options, execArgv: ['--require', require.resolve('tsx/cjs')] });
}
