// Checks a draft once per (document version, index version, settings) and shares the result with every feature:
// diagnostics, hover, code actions, code lens, symbols, definition, references.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDraft } from '../core/check/checkDraft';
import type { CheckOptions, CheckResult, DraftQuotation } from '../core/check/types';
import type { SourceIndex } from '../core/index/sourceIndex';
import type { FindingSeverity, VerbatimSettings } from '../settings';

export interface DraftAnalysis {
  uri: string;
  version: number;
  result: CheckResult;
  /** The checker's quotations, verified or not. */
  quotations: DraftQuotation[];
  /** Milliseconds the checker took. */
  ms: number;
}

const override = (s: FindingSeverity) => (s === 'default' ? undefined : s);

export function checkOptions(settings: VerbatimSettings): CheckOptions {
  return {
    minUnverifiedWords: settings.unverifiedQuote.minWords,
    // 'default' leaves each finding's severity to the checker (a misquote is an error only when the meaning flips).
    severity: {
      misquote: override(settings.severity.misquote),
      'wrong-speaker': override(settings.severity.wrongSpeaker),
      'unverified-quote': override(settings.severity.unverifiedQuote),
      'unknown-source': override(settings.severity.unknownSource),
    },
  };
}

export class DraftAnalyzer {
  private readonly cache = new Map<string, { key: string; analysis: DraftAnalysis }>();
  private settingsRevision = 0;

  constructor(
    private readonly index: SourceIndex,
    private settings: VerbatimSettings,
    private readonly log: (message: string) => void,
  ) {}

  setSettings(settings: VerbatimSettings): void {
    this.settings = settings;
    this.settingsRevision++;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  analyze(doc: TextDocument): DraftAnalysis {
    const key = `${doc.version}:${this.index.version}:${this.settingsRevision}`;
    const hit = this.cache.get(doc.uri);
    if (hit && hit.key === key) return hit.analysis;
    const analysis = this.analyzeText(doc.uri, doc.version, doc.getText());
    this.cache.set(doc.uri, { key, analysis });
    return analysis;
  }

  /** Checks text that is not open (a draft on disk, for references). Not cached. */
  analyzeText(uri: string, version: number, text: string): DraftAnalysis {
    const t0 = performance.now();
    let result: CheckResult;
    try {
      result = checkDraft(text, this.index, checkOptions(this.settings));
    } catch (e) {
      // A checker bug must not take the editor down: report it in the log, show nothing for this version.
      this.log(`Verbatim: the checker failed on ${uri}: ${e instanceof Error ? e.stack : String(e)}`);
      result = { quotations: [], findings: [] };
    }
    const ms = performance.now() - t0;
    return { uri, version, result, quotations: result.quotations, ms };
  }
}
