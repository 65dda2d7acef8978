// What the core itself says about a draft, computed in-process on the same sources the server indexes. The protocol
// tests compare the server's output with it, so they hold for whatever the checker finds today and tomorrow.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDraft } from '../../../server/src/core/check/checkDraft';
import type { CheckResult } from '../../../server/src/core/check/types';
import { loadIndex } from '../../../server/src/node/loadSources';
import { checkOptions } from '../../../server/src/lsp/analysis';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import type { SourceIndex } from '../../../server/src/core/index/sourceIndex';

export async function indexOf(sourcesDir: string): Promise<SourceIndex> {
  const { index } = await loadIndex({ specs: [sourcesDir], cwd: sourcesDir, bundled: true });
  return index;
}

export function expectedCheck(index: SourceIndex, text: string): CheckResult & { doc: TextDocument } {
  return { ...checkDraft(text, index, checkOptions(DEFAULT_SETTINGS)), doc: TextDocument.create('file:///x.md', 'markdown', 1, text) };
}
