// What the analysis pool and its workers say to each other (node/analysisPool.ts, node/analyzeWorker.ts).
import type { AnalyzedSource } from '../core/types';
import type { FileProblem } from './loadSources';

/** What reading one source gives: the analysis, unless the file could not be used, and the problems met. */
export interface ReadResult {
  source?: AnalyzedSource;
  problems: FileProblem[];
}

export interface WorkerRequest {
  id: number;
  file: string;
}

export type WorkerReply = { ready: true } | { id: number; result: ReadResult } | { id: number; error: string };
