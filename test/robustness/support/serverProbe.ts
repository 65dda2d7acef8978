// The language server as the robustness tests watch it: started through the LSP tests' TestClient (test/lsp/helpers)
// with gcProbe.cjs preloaded, so a test can force a full garbage collection in the server and read its memory, and
// read the server's resident set size from /proc/<pid>/status (VmRSS) at any moment. Linux only (/proc); callers skip
// elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, TestClient, type StartOptions } from '../../lsp/helpers/lspClient';

export const GC_PROBE = join(__dirname, 'gcProbe.cjs');

export interface ProbeMemory {
  seq: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export const hasProc = () => process.platform === 'linux' && existsSync('/proc/self/status');

/** The resident set size of a process in bytes (VmRSS in /proc/<pid>/status), or undefined once it has gone. */
export function rssOf(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A server (dist/server.js over stdio) with the GC probe preloaded. TestClient spawns the server with this process's
 * environment, so NODE_OPTIONS is set for the spawn alone and restored at once; nothing in the server changes.
 */
export class ProbedServer {
  private readonly reports: ProbeMemory[] = [];
  private buffered = '';
  private asked = 0;

  private constructor(readonly client: TestClient) {
    client.proc.stderr?.on('data', (d) => {
      this.buffered += String(d);
      let nl: number;
      while ((nl = this.buffered.indexOf('\n')) >= 0) {
        const line = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        const m = /^verbatim-gc-probe (\{.*\})$/.exec(line);
        if (m) this.reports.push(JSON.parse(m[1]) as ProbeMemory);
      }
    });
  }

  static start(options: StartOptions): ProbedServer {
    if (/\s/.test(GC_PROBE)) throw new Error(`the GC probe's path has a space, which NODE_OPTIONS cannot carry: ${GC_PROBE}`);
    ensureBuilt(); // before NODE_OPTIONS changes: the build must not load the probe
    const before = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = [before, `--require=${GC_PROBE}`].filter(Boolean).join(' ');
    try {
      return new ProbedServer(TestClient.start(options));
    } finally {
      if (before === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = before;
    }
  }

  get pid(): number {
    return this.client.proc.pid!;
  }

  rss(): number {
    const r = rssOf(this.pid);
    if (r === undefined) throw new Error(`the server (pid ${this.pid}) has no /proc status: has it exited?`);
    return r;
  }

  /**
   * Forces two full collections in the server (SIGUSR2 to the probe) and resolves with the memory it reports, plus
   * VmRSS read from /proc right after. Waits for the report (or the server's exit), not for a time.
   */
  settle(timeoutMs = 30_000): Promise<ProbeMemory & { vmRss: number }> {
    const seq = ++this.asked;
    return new Promise((resolve, reject) => {
      const proc = this.client.proc;
      const check = () => {
        const report = this.reports.find((r) => r.seq === seq);
        if (!report) return;
        done();
        resolve({ ...report, vmRss: this.rss() });
      };
      const exited = () => {
        done();
        reject(new Error(`the server exited while the GC probe ran (report #${seq})`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for the GC probe's report #${seq}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        proc.stderr?.off('data', check);
        proc.off('exit', exited);
      };
      proc.stderr?.on('data', check); // added after the parser's listener, so it sees the parsed report
      proc.once('exit', exited);
      process.kill(this.pid, 'SIGUSR2');
    });
  }
}
