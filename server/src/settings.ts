// Verbatim's settings: declared once, here. The server reads them (initializationOptions, workspace/configuration),
// the VS Code client passes them through, and package.json's contributes.configuration is tested against SETTINGS
// (test/unit/lsp/settings.test.ts). Pure: no vscode, no Node.

/** 'default' keeps the checker's own judgement (a misquote is a warning, an error when the meaning flips). */
export type FindingSeverity = 'default' | 'error' | 'warning' | 'information' | 'hint' | 'off';
export type TraceLevel = 'off' | 'messages' | 'verbose';

/** The settings as the server uses them, every value present and valid. */
export interface VerbatimSettings {
  sources: string[];
  includeBundledCorpus: boolean;
  unverifiedQuote: { minWords: number };
  severity: { misquote: FindingSeverity; wrongSpeaker: FindingSeverity; unverifiedQuote: FindingSeverity; unknownSource: FindingSeverity };
  languages: string[];
  trace: { server: TraceLevel };
}

type Scope = 'application' | 'machine' | 'window' | 'resource' | 'language-overridable' | 'machine-overridable';

/** One setting as package.json declares it (the `verbatim.` prefix is added by the key). */
export interface SettingDefinition {
  type: 'array' | 'boolean' | 'number' | 'integer' | 'string';
  default: unknown;
  markdownDescription: string;
  scope: Scope;
  order: number;
  items?: { type: 'string' };
  enum?: readonly string[];
  enumDescriptions?: readonly string[];
  minimum?: number;
  maximum?: number;
}

const SEVERITIES = ['default', 'error', 'warning', 'information', 'hint', 'off'] as const;
const SEVERITY_DESCRIPTIONS = [
  'As Verbatim judges each finding: a misquote is a warning, and an error when the meaning flips (a negation, number, date or name); the others are warnings.',
  'Shown as an error (red squiggle; `verbatim check` exits 1).',
  'Shown as a warning (yellow squiggle; `verbatim check` exits 1).',
  'Shown as information (blue squiggle).',
  'Shown as a hint (faint dots, not in the Problems panel).',
  'Not reported.',
];

function severitySetting(order: number, what: string, dflt: FindingSeverity): SettingDefinition {
  return {
    type: 'string',
    default: dflt,
    enum: SEVERITIES,
    enumDescriptions: SEVERITY_DESCRIPTIONS,
    markdownDescription: `How to report ${what}.`,
    scope: 'window',
    order,
  };
}

export const DEFAULT_SOURCES = ['sources/**/*.{md,txt}'];

/** Every setting, keyed by its name under `verbatim.`. package.json must match this exactly. */
export const SETTINGS: Record<string, SettingDefinition> = {
  sources: {
    type: 'array',
    items: { type: 'string' },
    default: DEFAULT_SOURCES,
    markdownDescription:
      'Glob patterns of the source documents (`.md`, `.txt`), relative to each workspace folder. ' +
      'Every quote in them can be completed, hovered and checked against. In a restricted (untrusted) workspace only the bundled corpus is read.',
    scope: 'resource',
    order: 0,
  },
  includeBundledCorpus: {
    type: 'boolean',
    default: true,
    markdownDescription: 'Index the sample corpus that ships with Verbatim (one bne IntelliNews article) along with your sources.',
    scope: 'window',
    order: 1,
  },
  'unverifiedQuote.minWords': {
    type: 'integer',
    default: 5,
    minimum: 1,
    maximum: 100,
    markdownDescription: 'A quotation found in no source is reported as `unverified-quote` only when it has at least this many words (shorter ones are usually scare quotes).',
    scope: 'window',
    order: 2,
  },
  'severity.misquote': severitySetting(3, 'a quotation whose wording differs from its source (`misquote`)', 'default'),
  'severity.wrongSpeaker': severitySetting(4, 'a quotation given to someone other than the source\'s speaker (`wrong-speaker`)', 'default'),
  'severity.unverifiedQuote': severitySetting(5, 'a quotation found in no source (`unverified-quote`)', 'default'),
  'severity.unknownSource': severitySetting(6, 'a citation key `[@id]` that names no source (`unknown-source`)', 'default'),
  languages: {
    type: 'array',
    items: { type: 'string' },
    default: ['markdown', 'plaintext'],
    markdownDescription: 'Language ids of the documents Verbatim checks and completes (VS Code restarts the client when this changes).',
    scope: 'window',
    order: 7,
  },
  'trace.server': {
    type: 'string',
    default: 'off',
    enum: ['off', 'messages', 'verbose'],
    enumDescriptions: ['No tracing.', 'Trace the name of each message.', 'Trace every message with its content.'],
    markdownDescription: 'Traces the messages between VS Code and the Verbatim language server in the **Verbatim** output channel.',
    scope: 'window',
    order: 8,
  },
};

export const DEFAULT_SETTINGS: VerbatimSettings = {
  sources: [...DEFAULT_SOURCES],
  includeBundledCorpus: true,
  unverifiedQuote: { minWords: 5 },
  severity: { misquote: 'default', wrongSpeaker: 'default', unverifiedQuote: 'default', unknownSource: 'default' },
  languages: ['markdown', 'plaintext'],
  trace: { server: 'off' },
};

/** package.json's `contributes.configuration`, generated from SETTINGS. */
export function configurationContribution(): { title: string; properties: Record<string, SettingDefinition> } {
  const properties: Record<string, SettingDefinition> = {};
  for (const [key, def] of Object.entries(SETTINGS)) properties[`verbatim.${key}`] = def;
  return { title: 'Verbatim', properties };
}

/**
 * Reads settings from whatever a client sent: the nested object VS Code's workspace/configuration returns
 * (`{ severity: { misquote } }`), flat dotted keys (`{ "severity.misquote": … }`), or nothing.
 * Invalid values fall back to the default and are named in `problems`.
 */
export function parseSettings(raw: unknown): { settings: VerbatimSettings; problems: string[] } {
  const problems: string[] = [];
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const get = (key: string): unknown => {
    if (key in obj) return obj[key];
    let cur: unknown = obj;
    for (const part of key.split('.')) {
      if (!cur || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
    return cur;
  };
  const read = <T>(key: string, ok: (v: unknown) => boolean, dflt: T): T => {
    const v = get(key);
    if (v === undefined || v === null) return dflt;
    if (ok(v)) return v as T;
    problems.push(`verbatim.${key}: ${JSON.stringify(v)} is not valid; using ${JSON.stringify(dflt)}`);
    return dflt;
  };
  const stringArray = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
  const def = (k: string) => SETTINGS[k];
  const intIn = (k: string) => (v: unknown) =>
    typeof v === 'number' && Number.isInteger(v) && v >= (def(k).minimum ?? -Infinity) && v <= (def(k).maximum ?? Infinity);
  const oneOf = (k: string) => (v: unknown) => typeof v === 'string' && (def(k).enum ?? []).includes(v);
  const sev = (k: string, d: FindingSeverity) => read<FindingSeverity>(k, oneOf(k), d);
  const D = DEFAULT_SETTINGS;
  const settings: VerbatimSettings = {
    sources: read('sources', stringArray, [...D.sources]),
    includeBundledCorpus: read('includeBundledCorpus', (v) => typeof v === 'boolean', D.includeBundledCorpus),
    unverifiedQuote: { minWords: read('unverifiedQuote.minWords', intIn('unverifiedQuote.minWords'), D.unverifiedQuote.minWords) },
    severity: {
      misquote: sev('severity.misquote', D.severity.misquote),
      wrongSpeaker: sev('severity.wrongSpeaker', D.severity.wrongSpeaker),
      unverifiedQuote: sev('severity.unverifiedQuote', D.severity.unverifiedQuote),
      unknownSource: sev('severity.unknownSource', D.severity.unknownSource),
    },
    languages: read('languages', stringArray, [...D.languages]),
    trace: { server: read<TraceLevel>('trace.server', oneOf('trace.server'), D.trace.server) },
  };
  return { settings, problems };
}
