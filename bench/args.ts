// The benchmarks' command-line options: `--name value`, `--flag`, and the server builds to compare.
import { join, resolve } from 'node:path';

/** The value after `--name`, or `dflt`. */
export function arg(name: string): string | undefined;
export function arg(name: string, dflt: string): string;
export function arg(name: string, dflt?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
}

/** `--servers a.js,b.js [--labels x,y]`: the server builds to run (default: this build's dist/server.js). */
export function serverBuilds(): { servers: string[]; labels: string[] } {
  const servers = (arg('servers') ?? join(__dirname, '..', 'dist', 'server.js')).split(',').map((s) => resolve(s));
  const labels = (arg('labels') ?? servers.map((_, i) => `s${i}`).join(',')).split(',');
  return { servers, labels };
}
