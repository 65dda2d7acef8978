// Checks a draft once per (document version, index version, settings) and shares the result with every feature:
// diagnostics, hover, code actions, code lens, symbols, definition, references.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDraft } from '../core/check/checkDraft';
import type { CheckOptions, CheckResult, DraftQuotation } from '../core/check/types';
import type { SourceIndex } from '../core/index/sourceIndex';
import type { VerbatimSettings } from '../settings';
import { attributionBefore, scanQuotations } from './cursorContext';
import { IndexLookup } from './lookup';

export interface DraftAnalysis {
  uri: string;
  version: number;
  result: CheckResult;
  /** The checker's quotations; when it reported none, the editor's own exact lookup of the marks it sees. */
  quotations: DraftQuotation[];
  /** True when `quotations` came from the editor's lookup rather than the checker. */
  lookupOnly: boolean;
  /** Milliseconds the checker took. */
  ms: number;
}

export function checkOptions(settings: VerbatimSettings): CheckOptions {
  return {
    minUnverifiedWords: settings.unverifiedQuote.minWords,
    severity: {
      misquote: settings.severity.misquote,
      'wrong-speaker': settings.severity.wrongSpeaker,
      'unverified-quote': settings.severity.unverifiedQuote,
      'unknown-source': settings.severity.unknownSource,
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
    if (result.quotations.length > 0) return { uri, version, result, quotations: result.quotations, lookupOnly: false, ms };
    return { uri, version, result, quotations: this.lookupQuotations(text), lookupOnly: true, ms };
  }

  /** The quotations the editor sees by their marks, matched by exact words. Used only when the checker reports none. */
  private lookupQuotations(text: string): DraftQuotation[] {
    const lookup = IndexLookup.of(this.index);
    return scanQuotations(text).map((q): DraftQuotation => {
      const quote = lookup.findByWords(q.text);
      const source = quote && this.index.sourceById(quote.sourceId);
      const words = q.text.trim().split(/\s+/).length;
      const attribution = attributionBefore(text, q.outer.start);
      let span = quote?.span;
      if (quote && source) {
        const at = source.text.indexOf(q.text.trim(), quote.span.start);
        if (at >= 0 && at < quote.span.end) span = { start: at, end: at + q.text.trim().length };
      }
      return {
        text: q.text,
        span: q.inner,
        outer: q.outer,
        attributedTo: attribution ? { name: attribution.name, span: { start: attribution.start, end: attribution.end } } : undefined,
        status: quote ? 'verified' : words >= this.settings.unverifiedQuote.minWords ? 'unverified' : 'short',
        match:
          quote && source && span
            ? { path: source.path, sourceId: source.meta.id, speaker: quote.speaker, span, quoteId: quote.id }
            : undefined,
      };
    });
  }
}
