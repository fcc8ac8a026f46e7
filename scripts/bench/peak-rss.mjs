// Preloaded into a benched CLI process (node --import): at exit, writes the process's peak
// resident memory (every thread's: the reader workers are threads of it) in MB to the file named
// by QC_BENCH_RSS_FILE, so the bench reports what the whole process held, not a sample of it.
import { writeFileSync } from 'node:fs';

const target = process.env.QC_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS / 1024));
  });
}
