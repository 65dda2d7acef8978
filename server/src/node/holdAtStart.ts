// Imported first by server.ts, for its effect: before the other modules load, V8's young generation is held at its
// starting size (node/youngGeneration.ts) and its optimising compiler waits (node/optimizationHold.ts).
import { holdOptimization } from './optimizationHold';
import { holdYoungGeneration } from './youngGeneration';

holdYoungGeneration();
holdOptimization();
