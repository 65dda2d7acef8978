// Sums the self time of a V8 CPU profile (.cpuprofile, from `node --cpu-prof`) by function and prints the top ones,
// with the total time under each (self + callees) beside it.
//   node bench/cpuprofile.mjs PROFILE.cpuprofile [--top N] [--filter TEXT]
import { readFileSync } from 'node:fs';

const [file] = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const top = Number(arg('top', '40'));
const filter = arg('filter');
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
// time per sample: the gap to the next sample
const selfUs = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i + 1] ?? 0;
  selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + dt);
}
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const keyOf = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^.*\/(server|bench|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
const self = new Map();
const total = new Map();
let all = 0;
for (const [id, us] of selfUs) {
  all += us;
  const n = byId.get(id);
  const k = keyOf(n);
  self.set(k, (self.get(k) ?? 0) + us);
  // total: once per function on the stack (recursion counted once)
  const seen = new Set();
  for (let p = id; p !== undefined; p = parent.get(p)) {
    const pk = keyOf(byId.get(p));
    if (seen.has(pk)) continue;
    seen.add(pk);
    total.set(pk, (total.get(pk) ?? 0) + us);
  }
}
const rows = [...self].filter(([k]) => !filter || k.includes(filter)).sort((a, b) => b[1] - a[1]).slice(0, top);
console.log(`total ${(all / 1000).toFixed(0)} ms sampled`);
console.log('   self ms  self %  total ms  function');
for (const [k, us] of rows) {
  console.log(`${(us / 1000).toFixed(1).padStart(9)} ${((100 * us) / all).toFixed(1).padStart(6)}% ${((total.get(k) ?? 0) / 1000).toFixed(1).padStart(9)}  ${k}`);
}
