import { readdirSync, readFileSync } from 'node:fs';

/**
 * The query workers this process has running now, by pid: its children (from /proc) whose
 * command line names the worker, an exited one not yet reaped included. Linux only, as the machine that runs the suite.
 */
export function runningQueryWorkers(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces, so read after its last parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('query-worker')) {
        pids.push(Number(name));
      }
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return pids;
}
