import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { AnalysisPool } from '../node/analysisPool';
import { IndexCache } from '../node/indexCache';
import { loadIndex, type FileProblem } from '../node/loadSources';
import { listQuotes } from './quotesCommand';
import { listEntities } from './entitiesCommand';

export interface CliIo {
  cwd: string;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export const USAGE = `Usage:
  verbatim quotes   [--sources PATH]... [--no-bundled] [--json]
  verbatim entities [--sources PATH]... [--no-bundled] [--json]
  verbatim check    [--sources PATH]... [--no-bundled] [--format text|json] [--min-words N] FILE...

PATH is a file, a folder (read recursively for .md and .txt) or a glob pattern.
The bundled corpus is included unless --no-bundled is given.
--cache DIR keeps the analysed sources in DIR, so that the next run reads only the files that changed.
Exit status: 0 success (check: nothing at warning level or above), 1 check found problems, 2 bad usage or unreadable input.
`;

/** Thrown for bad usage: the CLI prints the message and exits 2. */
export class UsageError extends Error {}

const COMMANDS = ['quotes', 'entities', 'check'] as const;
type Command = (typeof COMMANDS)[number];

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`verbatim: ${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout).write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}"`);
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: {
      sources: { type: 'string', multiple: true, short: 's' },
      'no-bundled': { type: 'boolean' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      'min-words': { type: 'string' },
      cache: { type: 'string' },
    },
  });
  const cmd = command as Command;
  if (cmd !== 'check' && positionals.length) throw new UsageError(`"${cmd}" takes no file arguments (got "${positionals[0]}")`);
  if (cmd !== 'check' && (values.format !== undefined || values['min-words'] !== undefined))
    throw new UsageError(`--format and --min-words belong to "check"`);
  if (cmd === 'check' && values.json) throw new UsageError('use --format json with "check"');

  // --cache DIR: analysed sources are kept there (keyed by path, size, modification time and Verbatim's version).
  const cache = values.cache !== undefined ? await IndexCache.open(path.resolve(io.cwd, values.cache), (m) => io.stderr.write(`${m}\n`)) : undefined;
  // Many sources are analysed in worker threads (all cores); the pool is stopped once the index is built.
  const pool = new AnalysisPool({ log: (m) => io.stderr.write(`${m}\n`) });
  let loaded;
  try {
    loaded = await loadIndex({
      specs: values.sources ?? [],
      cwd: io.cwd,
      bundled: !values['no-bundled'],
      read: cache ? (f, analyse) => cache.read(f, analyse) : undefined,
      pool,
    });
  } finally {
    await pool.close();
  }
  const { index, problems } = loaded;
  await cache?.save();
  const fatal = reportProblems(problems, io);
  if (fatal) return 2;

  switch (cmd) {
    case 'quotes':
      io.stdout.write(listQuotes(index, { json: !!values.json, cwd: io.cwd }));
      return 0;
    case 'entities':
      io.stdout.write(listEntities(index, { json: !!values.json }));
      return 0;
    case 'check': {
      const { runCheck } = await import('./checkCommand');
      return runCheck(index, positionals, { format: values.format, minWords: values['min-words'] }, io);
    }
  }
}

/** Prints source problems to stderr. Returns true when one of them means the user's input is unusable. */
export function reportProblems(problems: FileProblem[], io: CliIo): boolean {
  let fatal = false;
  for (const p of problems) {
    io.stderr.write(`verbatim: ${displayPath(p.path, io.cwd)}: ${p.severity}: ${p.message}\n`);
    if (p.severity === 'error') fatal = true;
  }
  return fatal;
}

/** A path as the user would type it: relative to the working folder when inside it. */
export function displayPath(p: string, cwd: string): string {
  if (!path.isAbsolute(p)) return p;
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
