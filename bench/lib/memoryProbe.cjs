// Preloaded into the bench's backend (--require): writes the process's
// memory use every half second to BENCH_MEMORY_FILE, so the bench can report
// heap beside RSS and tell live data from memory the heap merely holds on to.
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  setInterval(() => {
    try {
      writeFileSync(file, JSON.stringify(process.memoryUsage()));
    } catch {
      // The bench reads the file while it is written now and then; the next sample will do.
    }
  }, 500).unref();
}
