// What the analysis pool and its workers say to each other (node/analysisPool.ts, node/analyzeWorker.ts).
import type { AnalyzedSource } from '../core/types';
import type { FileProblem } from './loadSources';

/** What reading one source gives: the analysis, unless the file could not be used, and the problems met. */
export interface ReadResult {
  source?: AnalyzedSource;
  problems: FileProblem[];
  /** The source's objects were made for this result alone (decoded from the index cache): the index may keep them. */
  owned?: boolean;
  /**
   * The file's size and modification time from the stat of the open file that was read (when all of it was read):
   * what the index cache keys the analysis by, without a stat of its own.
   */
  stamp?: { size: number; mtimeMs: number };
}

export interface WorkerRequest {
  id: number;
  file: string;
}

/**
 * `json` is the ReadResult as JSON: parsing it costs the server's thread less than the structured clone of the same
 * objects (on the BBC set about 0.2 s against 0.35 s, and the worker's stringify about half of its serialize).
 */
export type WorkerReply = { ready: true } | { id: number; json: string } | { id: number; error: string };
