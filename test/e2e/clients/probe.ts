// Shared by nvim.ts and emacs.ts: runs one headless editor with a driver script, parses the
// "VERBATIM_RESULT <json>" line it prints, and kills the editor's whole process group (server included).
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

export interface Position {
  line: number; // 0-based, as in LSP
  character: number; // UTF-16 code units, as in LSP
}

export interface ProbeOptions {
  serverCmd: string[]; // e.g. [process.execPath, 'dist/server.js', '--stdio']
  file: string; // the draft to open (opened in place, never saved)
  rootDir?: string; // workspace root sent to the server; default: the draft's folder
  languageId?: string; // default 'markdown'
  minDiagnostics?: number; // wait until at least this many are shown; default 1
  completionAt?: Position; // omitted: no completion request
  hoverAt?: Position; // omitted: no hover request
  timeoutMs?: number; // deadline for the whole session inside the editor; default 15000
}

export interface ProbeDiagnostic {
  line: number; // 0-based
  col: number; // the editor's own column (Neovim: bytes; Emacs: UTF-16 via eglot)
  severity: number; // 1 error, 2 warning, 3 info, 4 hint
  message: string; // as the editor shows it (Emacs/flymake prefixes "source: ")
  source?: string;
  code?: string | number; // the LSP diagnostic's code, as the editor keeps it
}

export interface ProbeResult {
  client: string; // editor and version, e.g. "nvim 0.7"
  diagnostics: ProbeDiagnostic[];
  completions: { label: string; detail?: string; insertText: string }[];
  hover?: string; // hover contents flattened to text
  ms: number; // wall time of the editor run
}

const RESULT_PREFIX = 'VERBATIM_RESULT ';

/** Whether cmd is an executable on PATH (looked up, not run: running an editor writes into ~). */
export function hasCommand(cmd: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

// Lua/Elisp encode an empty list as {} or null: turn anything that is not an array into [].
const list = <T>(x: unknown): T[] => (Array.isArray(x) ? (x as T[]) : []);

export function runProbe(name: string, argv: string[], opts: ProbeOptions): Promise<ProbeResult> {
  const file = resolve(opts.file);
  const params = {
    cmd: opts.serverCmd,
    file,
    rootDir: resolve(opts.rootDir ?? dirname(file)),
    languageId: opts.languageId ?? 'markdown',
    minDiagnostics: opts.minDiagnostics ?? 1,
    completionAt: opts.completionAt ?? null,
    hoverAt: opts.hoverAt ?? null,
    timeoutMs: opts.timeoutMs ?? 15000,
  };
  // A throwaway HOME keeps the editors' logs, caches and state out of the real one.
  const home = mkdtempSync(join(tmpdir(), `verbatim-${name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, VERBATIM_PROBE: JSON.stringify(params) };
  for (const k of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) delete env[k];

  const started = Date.now();
  // detached: the editor leads a new process group, so one kill also reaches the server it started.
  const child = spawn(argv[0], argv.slice(1), { cwd: params.rootDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));

  return new Promise<ProbeResult>((resolvePromise, reject) => {
    // Backstop only: the driver enforces timeoutMs itself and reports what it was waiting for.
    const backstop = setTimeout(() => {
      stderr += `\n[${name} still running ${params.timeoutMs + 10000} ms after start: killed]`;
      killGroup(child.pid);
    }, params.timeoutMs + 10000);
    const finish = (err: Error | undefined, res?: ProbeResult) => {
      clearTimeout(backstop);
      killGroup(child.pid);
      rmSync(home, { recursive: true, force: true });
      if (err) reject(err);
      else resolvePromise(res!);
    };
    // Once the editor is gone, end what it left behind, so nothing keeps our pipes open.
    child.on('exit', () => killGroup(child.pid));
    child.on('error', (e) => finish(new Error(`${name}: could not start ${argv[0]}: ${e.message}`)));
    child.on('close', (code, signal) => {
      const tail = stderr.trim().split('\n').slice(-15).join('\n');
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (!line) {
        return finish(new Error(`${name} printed no result (exit ${code ?? signal}).\n--- stderr tail ---\n${tail}`));
      }
      let raw: Record<string, unknown>;
      try {
        raw = JSON.parse(line.slice(RESULT_PREFIX.length));
      } catch (e) {
        return finish(new Error(`${name} printed a result that is not JSON: ${line}`));
      }
      if (raw.error) return finish(new Error(`${name}: ${raw.error}\n--- stderr tail ---\n${tail}`));
      finish(undefined, {
        client: String(raw.client),
        diagnostics: list(raw.diagnostics),
        completions: list(raw.completions),
        hover: raw.hover as string | undefined,
        ms: Date.now() - started,
      });
    });
  });
}
