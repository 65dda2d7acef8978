// Markdown for hovers and completion documentation. Source text is untrusted: it goes through escapeMarkdown(),
// the one escaping function (tested in test/unit/lsp/markdown.test.ts), so a source holding `[x](command:evil)`,
// `<img>`, backticks or `# heading` shows as text. Links are only ever built here, from URIs the server made.

/**
 * Escapes text so that Markdown renders it literally, on one line: every character that can start markup
 * (links, images, emphasis, code, HTML, entities, tables, headings, lists, block quotes) is backslash-escaped,
 * and line breaks become spaces so a source cannot start a block of its own.
 */
export function escapeMarkdown(text: string): string {
  let s = text.replace(/[\r\n\u2028\u2029\t\f\v]+/g, ' ').replace(/ {2,}/g, ' ');
  s = s.replace(/[\\`*_{}[\]()<>#|~&!$^=+@]/g, '\\$&');
  // Keep autolinks (https://…, www.…, mailto:…) from forming: escape the ':' or '.' that makes them.
  s = s.replace(/([a-z][a-z0-9+.-]*):(?=\/\/)/gi, '$1\\:').replace(/\b(mailto):/gi, '$1\\:').replace(/\b(www)\./gi, '$1\\.');
  // A piece may begin a line in the output: keep "-", "1." and "1)" from starting a list.
  s = s.replace(/^(\s*)-/, '$1\\-').replace(/^(\s*\d+)([.)])/, '$1\\$2');
  return s;
}

/** A URI safe inside a Markdown link destination: only file, http and https, with every delimiter percent-encoded. */
export function safeLinkTarget(uri: string): string | undefined {
  if (!/^(file|https?):/i.test(uri)) return undefined;
  return uri.replace(/[\s()<>[\]"'`\\]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

export type MarkupKindName = 'markdown' | 'plaintext';

/** Builds hover text once for either kind: Markdown (escaped) or plain text (as is). */
export class Markup {
  private readonly parts: string[] = [];

  constructor(readonly kind: MarkupKindName) {}

  /** Untrusted or plain text. */
  text(s: string): this {
    this.parts.push(this.kind === 'markdown' ? escapeMarkdown(s) : s.replace(/\s+/g, ' '));
    return this;
  }

  strong(s: string): this {
    this.parts.push(this.kind === 'markdown' ? `**${escapeMarkdown(s)}**` : s);
    return this;
  }

  em(s: string): this {
    this.parts.push(this.kind === 'markdown' ? `*${escapeMarkdown(s)}*` : s);
    return this;
  }

  /** A link to a URI the server built (file URI of a source, or a source's http(s) url). */
  link(label: string, uri: string): this {
    const target = safeLinkTarget(uri);
    if (this.kind === 'markdown' && target) this.parts.push(`[${escapeMarkdown(label)}](${target})`);
    else this.parts.push(target ? `${label}: ${uri}` : label);
    return this;
  }

  /** A block quote of `text` with the spans in `marked` (offsets into text, sorted, disjoint) in bold. */
  quoteBlock(text: string, marked: { start: number; end: number }[]): this {
    let body = '';
    let at = 0;
    for (const m of marked) {
      const start = Math.max(at, m.start);
      const end = Math.min(text.length, m.end);
      if (end <= start) continue;
      body += this.kind === 'markdown' ? escapeMarkdown(text.slice(at, start)) : text.slice(at, start);
      const words = text.slice(start, end);
      body += this.kind === 'markdown' ? `**${escapeMarkdown(words).trim()}**${/\s$/.test(words) ? ' ' : ''}` : `[${words}]`;
      at = end;
    }
    body += this.kind === 'markdown' ? escapeMarkdown(text.slice(at)) : text.slice(at);
    this.newParagraph();
    this.parts.push(this.kind === 'markdown' ? `> ${body.trim()}` : `  ${body.replace(/\s+/g, ' ').trim()}`);
    this.newParagraph();
    return this;
  }

  /** Our own separators: " · ", " — ", etc. Never source text. */
  sep(s: string): this {
    this.parts.push(s);
    return this;
  }

  lineBreak(): this {
    this.parts.push(this.kind === 'markdown' ? '  \n' : '\n');
    return this;
  }

  newParagraph(): this {
    if (this.parts.length && !this.parts[this.parts.length - 1].endsWith('\n\n')) this.parts.push('\n\n');
    return this;
  }

  toString(): string {
    return this.parts.join('').trim();
  }
}
