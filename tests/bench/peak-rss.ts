// A bench child's own peak resident memory. getrusage's maxRSS is not that on Linux: a process
// keeps the peak of the memory it had before exec, which for a child spawned by the bench (which
// holds the reference dataset) is the parent's size at the spawn. /proc's VmHWM is the peak of
// the process's own memory since exec.
import fs from 'node:fs';

export function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // Not Linux: getrusage is the best there is.
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
