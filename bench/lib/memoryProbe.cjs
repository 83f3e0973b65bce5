// Preloaded into the bench's backend (--require): writes the process's
// memory use every half second to BENCH_MEMORY_FILE, so the bench can report
// heap beside RSS and tell live data from memory the heap merely holds on to.
// `heapLive` is the heap in use right after the last full (mark-compact)
// collection: what the process really keeps, without the garbage a busy
// heap carries between collections.
const { writeFileSync } = require('node:fs');
const { PerformanceObserver, constants } = require('node:perf_hooks');
const v8 = require('node:v8');

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  let heapLive;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        heapLive = v8.getHeapStatistics().used_heap_size;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    try {
      writeFileSync(
        file,
        JSON.stringify({ ...process.memoryUsage(), heapLive }),
      );
    } catch {
      // The bench reads the file while it is written now and then; the next sample will do.
    }
  }, 500).unref();
}
