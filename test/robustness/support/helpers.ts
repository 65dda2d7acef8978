// Shared by the robustness tests: temporary folders, the CLI with fake io (in process or as another user),
// and fault injection into node:fs for what a test cannot produce for real (see each use).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import type { FileProblem } from '../../../server/src/node/loadSources';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) {
    try {
      chmodTree(dir);
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort: a temp folder left behind is not a test failure
    }
  }
});

function chmodTree(dir: string): void {
  // Folders made unreadable by a test must be opened again before they can be removed (as a non-root user).
  spawnSync('chmod', ['-R', 'u+rwx', dir]);
}

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(prefix = 'verbatim-robust-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** The CLI in this process with fake stdout/stderr, as test/unit/cli/cli.test.ts runs it. */
export async function cli(args: string[], cwd: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

export const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/**
 * The CLI in a child process running as user "nobody". Root reads every file whatever its mode, so a test
 * running as root needs an unprivileged process to meet a real "permission denied". `cwd` and every file the
 * CLI should be able to read must be reachable by "nobody" (mode o+rx on the folders).
 */
export function cliAsNobody(args: string[], cwd: string): CliResult {
  const child = join(__dirname, 'cliChild.ts');
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, cwd, ...args], {
    uid: NOBODY,
    gid: NOBODY,
    cwd: join(__dirname, '..', '..', '..'),
    env: { ...process.env, HOME: tmpdir() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0 || !r.stdout) throw new Error(`the CLI as "nobody" failed (status ${r.status}): ${r.stderr || r.error}`);
  return JSON.parse(r.stdout) as CliResult;
}

/** Whether a child process can be started as "nobody" here (root on Linux with tsx readable by everyone). */
export function canRunAsNobody(): boolean {
  if (!isRoot || process.platform === 'win32') return false;
  const r = spawnSync(process.execPath, ['-e', 'process.exit(0)'], { uid: NOBODY, gid: NOBODY, timeout: 10_000 });
  return r.status === 0;
}

/** Replaces obj[key] until the returned function is called. */
export function patch<T extends object, K extends keyof T>(obj: T, key: K, replacement: T[K]): () => void {
  const original = obj[key];
  obj[key] = replacement;
  return () => {
    obj[key] = original;
  };
}

/** An error shaped like the ones node:fs throws, for fault injection. */
export function errnoError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = {
    EACCES: 'permission denied',
    ENOENT: 'no such file or directory',
    EIO: 'i/o error',
  };
  return Object.assign(new Error(`${code}: ${messages[code] ?? 'error'}, ${syscall} '${path}'`), { code, syscall, path, errno: -1 });
}

/** The messages about one file, as "severity: message" lines. */
export function messagesFor(problems: FileProblem[], file: string): string[] {
  return problems.filter((p) => p.path === file).map((p) => `${p.severity}: ${p.message}`);
}

/** Lets a folder and the files in it be read by everyone (for the "nobody" child). */
export function openToAll(...paths: string[]): void {
  for (const p of paths) chmodSync(p, 0o755);
}

/** UTF-16 with a byte-order mark, either endian. */
export function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i + (endian === 'le' ? 0 : 1)] = c & 0xff;
    out[2 + 2 * i + (endian === 'le' ? 1 : 0)] = c >> 8;
  }
  return out;
}

/** The smallest valid PNG (1×1 transparent pixel). */
export const PNG_1X1 = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
);
