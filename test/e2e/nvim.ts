// Neovim 0.7 (apt `neovim`) as an LSP client: runs clients/nvim-driver.lua headless against one draft.
import { join } from 'node:path';
import { hasCommand, runProbe, type ProbeOptions, type ProbeResult } from './clients/probe';

export type { Position, ProbeOptions, ProbeResult, ProbeDiagnostic } from './clients/probe';

export const NVIM_DRIVER = join(__dirname, 'clients', 'nvim-driver.lua');

export function hasNvim(): boolean {
  return hasCommand('nvim');
}

/** Starts opts.serverCmd over stdio from Neovim, waits for diagnostics, asks for completion and hover. */
export function runNvim(opts: ProbeOptions): Promise<ProbeResult> {
  // --clean: no user config or shada; -n: no swap file next to the draft.
  return runProbe('nvim', ['nvim', '--headless', '--clean', '-n', '-u', NVIM_DRIVER, opts.file], opts);
}
