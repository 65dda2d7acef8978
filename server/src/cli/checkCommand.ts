import type { SourceIndex } from '../core/index/sourceIndex';
import type { CliIo } from './main';
import { UsageError } from './main';

// PLACEHOLDER: the checker lands with issue 3.
export async function runCheck(
  _index: SourceIndex,
  files: string[],
  opts: { format?: string; minWords?: string },
  io: CliIo,
): Promise<number> {
  if (files.length === 0) throw new UsageError('"check" needs at least one draft FILE');
  if (opts.format !== undefined && opts.format !== 'text' && opts.format !== 'json')
    throw new UsageError(`unknown --format "${opts.format}" (use text or json)`);
  io.stderr.write('verbatim: check is not implemented yet\n');
  return 2;
}
