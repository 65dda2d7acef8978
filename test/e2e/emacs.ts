// Emacs 28 + eglot 1.9 (apt `emacs-nox`, `elpa-eglot`) as an LSP client: runs clients/emacs-driver.el in batch mode.
import { join } from 'node:path';
import { hasCommand, runProbe, type ProbeOptions, type ProbeResult } from './clients/probe';

export type { Position, ProbeOptions, ProbeResult, ProbeDiagnostic } from './clients/probe';

export const EMACS_DRIVER = join(__dirname, 'clients', 'emacs-driver.el');

export function hasEmacs(): boolean {
  return hasCommand('emacs');
}

/** Starts opts.serverCmd over stdio from eglot, waits for flymake diagnostics, asks for completion and hover. */
export function runEmacs(opts: ProbeOptions): Promise<ProbeResult> {
  // The driver visits opts.file itself (a file argument would only be visited after the driver has run).
  return runProbe('emacs', ['emacs', '--batch', '-Q', '-l', EMACS_DRIVER], opts);
}
