import type { SourceIndex } from '../index/sourceIndex';
import type { CheckOptions, CheckResult } from './types';

// PLACEHOLDER (to be replaced by the real checker): finds nothing.
export function checkDraft(_text: string, _index: SourceIndex, _options: CheckOptions = {}): CheckResult {
  return { quotations: [], findings: [] };
}
