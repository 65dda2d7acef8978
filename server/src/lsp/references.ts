// Find references on a quotation: every draft in the workspace (open or on disk, .md/.txt outside the sources) that
// quotes the same source passage. In an untrusted workspace only open documents are read.
import { promises as fs } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, ReferenceParams } from 'vscode-languageserver';
import type { SourceRef } from '../core/check/types';
import type { ServerContext } from './context';
import { quotationAtOffset } from './hover';
import { sourceLocation, toRange } from './toProto';
import { uriToPath } from './workspace';

const MAX_DRAFTS = 2000;
const MAX_DRAFT_BYTES = 2 * 1024 * 1024;

export function registerReferences(ctx: ServerContext): void {
  ctx.connection.onReferences((params) => provideReferences(ctx, params));
}

function samePassage(a: SourceRef, b: SourceRef): boolean {
  if (a.quoteId !== undefined && a.quoteId === b.quoteId) return true;
  return a.sourceId === b.sourceId && a.span.start < b.span.end && b.span.start < a.span.end;
}

/** Drafts on disk in the workspace folders: .md/.txt files that are not sources. */
async function draftFiles(ctx: ServerContext): Promise<string[]> {
  if (!ctx.workspace.trusted) return [];
  const out: string[] = [];
  for (const folder of ctx.workspace.folders) {
    const found = await glob(['**/*.{md,txt,markdown}'], {
      cwd: folder.path,
      absolute: true,
      followSymbolicLinks: false,
      ignore: ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/.vscode-test/**'],
    });
    for (const f of found) if (!ctx.index.sourceByPath(f) && !ctx.workspace.matchesSources(f)) out.push(f);
    if (out.length >= MAX_DRAFTS) break;
  }
  return out.slice(0, MAX_DRAFTS);
}

export async function provideReferences(ctx: ServerContext, params: ReferenceParams): Promise<Location[] | null> {
  const doc = ctx.draft(params.textDocument.uri);
  if (!doc) return null;
  const quotation = quotationAtOffset(ctx.analyzer.analyze(doc), doc.offsetAt(params.position));
  const target = quotation?.match;
  if (!target) return null;
  const locations: Location[] = [];
  if (params.context.includeDeclaration) {
    const source = ctx.index.sourceByPath(target.path) ?? ctx.index.sourceById(target.sourceId);
    if (source) locations.push(sourceLocation(ctx.index, source, target.span));
  }
  const seen = new Set<string>();
  const collect = (d: TextDocument) => {
    const analysis = ctx.analyzer.analyzeText(d.uri, d.version, d.getText());
    for (const q of analysis.quotations) if (q.match && samePassage(q.match, target)) locations.push({ uri: d.uri, range: toRange(d, q.span) });
  };
  for (const open of ctx.documents.all()) {
    if (!ctx.isDraft(open)) continue;
    const p = uriToPath(open.uri);
    if (p) seen.add(p);
    const analysis = ctx.analyzer.analyze(open);
    for (const q of analysis.quotations) if (q.match && samePassage(q.match, target)) locations.push({ uri: open.uri, range: toRange(open, q.span) });
  }
  for (const file of await draftFiles(ctx)) {
    if (seen.has(file)) continue;
    try {
      const stat = await fs.stat(file);
      if (stat.size > MAX_DRAFT_BYTES) continue;
      const text = await fs.readFile(file, 'utf8');
      collect(TextDocument.create(pathToFileURL(file).href, file.endsWith('.txt') ? 'plaintext' : 'markdown', 0, text));
    } catch {
      // A draft that vanished or cannot be read has no references to give.
    }
  }
  return locations;
}
