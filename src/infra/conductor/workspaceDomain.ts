// The task-to-domain of one workspace on one machine: its workflows start with every task in this
// domain and its workers poll only there, so two windows (or a window and a CI worker on another
// folder) sharing one server never take each other's tasks.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

export function workspaceDomain(folder: string, host = hostname()): string {
  const digest = createHash('sha256').update(`${host}\n${resolve(folder)}`).digest('hex').slice(0, 16);
  return `imperium_${digest}`;
}
