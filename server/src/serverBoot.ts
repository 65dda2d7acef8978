// verbatim-language-server's entry (dist/server.js): loads the server bundle (dist/server-main.js) through V8's code
// cache, so that a start does not compile the 1 MB bundle again (Node 20 has no module.enableCompileCache). The cache
// is a file next to the bundle, written by the server itself a few seconds after a start that had none (by then the
// functions of a start are compiled and go into it); it is only ever used for the exact bundle, Node and V8 it was
// made with, and its bytes are checked (V8 checks them only in debug builds). Where the folder cannot be written (a
// global install), every start compiles, as before. Nothing here depends on the workspace or its settings.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import { Script } from 'node:vm';

const MAIN = path.join(__dirname, 'server-main.js');
const CODE_CACHE = `${MAIN}.v8cache`;
/** Long enough for the first indexing of a start to have compiled what it runs; unref'd: it never keeps the server up. */
const WRITE_AFTER_MS = 8000;

const sha1 = (data: string | Uint8Array) => createHash('sha1').update(data).digest('hex');

/** The cached code for this bundle, Node and V8, or undefined when there is none or it is not for them. */
function readCodeCache(key: string): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
  const eol = file.indexOf(10);
  if (eol < 0) return undefined;
  try {
    const header = JSON.parse(file.toString('utf8', 0, eol)) as { key?: string; sha1?: string };
    const data = file.subarray(eol + 1);
    return header.key === key && header.sha1 === sha1(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function writeCodeCache(key: string, data: Buffer): void {
  const tmp = `${CODE_CACHE}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${JSON.stringify({ key, sha1: sha1(data) })}\n`), data]));
    renameSync(tmp, CODE_CACHE);
  } catch {
    // A folder the server cannot write to: no cache, every start compiles.
    rmSync(tmp, { force: true });
  }
}

function loadServer(): void {
  const source = readFileSync(MAIN, 'utf8');
  const key = `${sha1(source)} ${process.version} ${process.versions.v8} ${process.arch}`;
  const cachedData = readCodeCache(key);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: MAIN, cachedData });
  const main = new Module(MAIN, module);
  main.filename = MAIN;
  main.loaded = true;
  const run = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  run.call(main.exports, main.exports, createRequire(MAIN), main, MAIN, __dirname);
  if (!cachedData || script.cachedDataRejected) setTimeout(() => writeCodeCache(key, script.createCachedData()), WRITE_AFTER_MS).unref();
}

loadServer();
