// Preloaded into the server by bench/memoryProbe.ts (NODE_OPTIONS=--require): on SIGUSR2 it appends one JSON line of
// memory numbers to $MEMPROBE_OUT (RSS from /proc, process.memoryUsage, V8's heap spaces); with $MEMPROBE_GC it forces
// a full collection and records again; on SIGWINCH it writes a heap snapshot into $MEMPROBE_DIR.
const fs = require('fs');
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const { PerformanceObserver, constants } = require('perf_hooks');

// Garbage collections so far: count and total pause (ms) by kind.
const gcs = { scavenge: [0, 0], markCompact: [0, 0], incremental: [0, 0], weak: [0, 0] };
const KIND = { [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge', [constants.NODE_PERFORMANCE_GC_MAJOR]: 'markCompact', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak' };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const k = gcs[KIND[e.detail?.kind ?? e.kind]];
    if (k) {
      k[0]++;
      k[1] += e.duration;
    }
  }
}).observe({ entryTypes: ['gc'] });

const mb = (n) => n / 1048576;
let gc;
if (process.env.MEMPROBE_GC) {
  v8.setFlagsFromString('--expose-gc');
  gc = vm.runInNewContext('gc');
}
function snap(label) {
  const s = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (k) => Number(new RegExp(k + ':\\s+(\\d+)').exec(s)?.[1] ?? NaN) / 1024;
  const mu = process.memoryUsage();
  const hs = v8.getHeapStatistics();
  const spaces = {};
  for (const x of v8.getHeapSpaceStatistics()) spaces[x.space_name] = { size: mb(x.space_size), used: mb(x.space_used_size), avail: mb(x.space_available_size), phys: mb(x.physical_space_size) };
  return {
    label, rss: kb('VmRSS'), hwm: kb('VmHWM'), rssAnon: kb('RssAnon'), rssFile: kb('RssFile'), threads: kb('Threads') * 1024,
    heapTotal: mb(mu.heapTotal), heapUsed: mb(mu.heapUsed), external: mb(mu.external), arrayBuffers: mb(mu.arrayBuffers),
    mallocedMemory: mb(hs.malloced_memory), peakMalloced: mb(hs.peak_malloced_memory), totalPhysical: mb(hs.total_physical_size), spaces, gcs: JSON.parse(JSON.stringify(gcs)),
  };
}
process.on('SIGUSR2', () => {
  const lines = [snap('raw')];
  if (gc) {
    gc();
    lines.push(snap('afterGc'));
  }
  fs.appendFileSync(process.env.MEMPROBE_OUT, JSON.stringify(lines) + '\n');
});
// With $MEMPROBE_SAMPLE: V8's sampling heap profiler from the start; SIGWINCH then writes what it holds (objects not
// collected yet, live or not, with the stack that allocated them) instead of a snapshot.
let session;
if (process.env.MEMPROBE_SAMPLE) {
  session = new (require('inspector').Session)();
  session.connect();
  session.post('HeapProfiler.startSampling', { samplingInterval: 16384 });
}
process.on('SIGWINCH', () => {
  if (session) {
    session.post('HeapProfiler.getSamplingProfile', (err, r) => {
      const file = path.join(process.env.MEMPROBE_DIR || '/tmp', `heap-${process.pid}-${Date.now()}.heapprofile`);
      fs.writeFileSync(file, JSON.stringify(err ? { error: String(err) } : r.profile));
      fs.appendFileSync(process.env.MEMPROBE_OUT, JSON.stringify([{ label: 'profile', file }]) + '\n');
    });
    return;
  }
  const file = v8.writeHeapSnapshot(path.join(process.env.MEMPROBE_DIR || '/tmp', `heap-${process.pid}-${Date.now()}.heapsnapshot`));
  fs.appendFileSync(process.env.MEMPROBE_OUT, JSON.stringify([{ label: 'snapshot', file }]) + '\n');
});
