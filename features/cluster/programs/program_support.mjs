// Helpers shared by the cluster programs (the .py twins have program_support.py).
import { existsSync, readFileSync } from 'node:fs';

const procfs = existsSync('/proc/self/stat');

// Whether a process is still running. A zombie (dead, not yet reaped: an orphaned worker waits for
// init to reap it, which can take a second) does not count; where /proc is missing, whether the pid
// exists. The .py twins ask the same way (program_support.alive).
export const alive = (pid) => {
  if (procfs) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 1).trim().split(' ')[0] !== 'Z';
    } catch { return false; }
  }
  try { process.kill(pid, 0); return true; } catch { return false; }
};

// Poll pred until it holds or the bound passes (returns as soon as it holds); its last answer.
export const until = async (pred, ms = 10000) => {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return pred();
};
