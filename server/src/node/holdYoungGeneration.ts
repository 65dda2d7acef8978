// Imported first by server.ts, for its effect: the young generation is held before the other modules load.
import { holdYoungGeneration } from './youngGeneration';

holdYoungGeneration();
