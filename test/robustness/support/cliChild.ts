// Runs the CLI in a child process and prints { code, stdout, stderr } as JSON on stdout.
// Used to run the CLI as an unprivileged user when the tests run as root (root reads any file,
// so chmod alone cannot produce "permission denied" there).
import { runCli } from '../../../server/src/cli/main';

async function main(): Promise<void> {
  const [cwd, ...args] = process.argv.slice(2);
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  process.stdout.write(JSON.stringify({ code, stdout, stderr }));
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ code: 3, stdout: '', stderr: `internal error: ${e instanceof Error ? e.stack : String(e)}` }));
});
