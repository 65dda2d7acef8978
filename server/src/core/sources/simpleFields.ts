// Front matter as most sources write it — one "key: value" per line, each value plain text — read without the YAML
// parser. Why: on a cold index of 2,225 BBC articles the parser (a general YAML 1.2 lexer, composer and document
// model) took over a quarter of the server's analysis time for three short lines per file. Anything this reader is
// not sure of gives undefined, and the caller asks the YAML parser: whenever it answers, it answers what
// `parse(text, { schema: 'core' })` would (test/unit/sources/simpleFields.test.ts checks that on generated input).

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*))?$/;
/** Characters that YAML treats specially anywhere (controls, byte-order mark, line separators): leave them to it. */
const SPECIAL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;
const DOUBLE = /^"([^"\\]*)"$/;
const SINGLE = /^'([^']*)'$/;
/** A plain scalar may not start with an indicator, nor hold ": " or " #", nor end with ":". */
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
const PLAIN_BREAKS = /:[ \t]|[ \t]#|:$/;
/** Plain values the core schema may read as something else than text (null, booleans, numbers): left to YAML. */
const MAYBE_NOT_TEXT = /^(?:[-+.~0-9]|(?:null|true|false)$)/i;
/** A date written as most front matter does: text under the core schema (it has no timestamp type). */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The fields of a flat front matter of plain text values, or undefined when YAML must read it. */
export function simpleFields(yamlText: string): Record<string, string | null> | undefined {
  const fields: Record<string, string | null> = {};
  for (let line of yamlText.split('\n')) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '') continue;
    if (SPECIAL.test(line)) return undefined;
    const m = KEY.exec(line);
    // YAML refuses a repeated key and an implicit key over 1,024 characters, and reads "true" as a boolean key;
    // "__proto__" would not be a field here.
    if (!m || m[1].length > 1024 || m[1] === '__proto__' || MAYBE_NOT_TEXT.test(m[1]) || Object.prototype.hasOwnProperty.call(fields, m[1])) return undefined;
    const value = scalar((m[2] ?? '').replace(/[ \t]+$/, ''));
    if (value === undefined) return undefined;
    fields[m[1]] = value;
  }
  return fields;
}

function scalar(v: string): string | null | undefined {
  if (v === '') return null;
  const quoted = DOUBLE.exec(v) ?? SINGLE.exec(v);
  if (quoted) return quoted[1];
  if (DATE.test(v)) return v;
  if (PLAIN_START.test(v) || PLAIN_BREAKS.test(v) || MAYBE_NOT_TEXT.test(v)) return undefined;
  return v;
}
