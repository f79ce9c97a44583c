// The processes of one process group, read from /proc (Linux). A sandbox's own process (bwrap) dies
// on SIGINT and takes its sandbox down at once (--die-with-parent), so a polite stop signals the
// processes inside it, which may then write their reports, and leaves bwrap to end with them.
import { readdirSync, readFileSync } from 'node:fs';

/** The pids in group `pgid`, except `except`. Empty where /proc is not there. */
export function groupMembers(pgid: number, except?: number): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const members: number[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === except) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) members.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

/** Sends `signal` to every process of group `pgid` but its leader. */
export function signalGroupButLeader(pgid: number, signal: NodeJS.Signals): void {
  for (const pid of groupMembers(pgid, pgid)) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone meanwhile
    }
  }
}
