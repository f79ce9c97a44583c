// How a workflow's network permission reads to a person: in the CLI's progress and report, the
// editor's views and notifications.

/** How a workflow's test runs came to reach the network; undefined: they do not. */
export type NetworkPermission = 'start' | 'person' | undefined;

/** "test runs may reach the network (allowed when the workflow started)", "test runs have no network". */
export function networkPermissionText(permission: NetworkPermission): string {
  if (permission === undefined) return 'test runs have no network';
  return `test runs may reach the network (allowed ${permission === 'start' ? 'when the workflow started' : 'by a person while it ran'})`;
}

/** The same, as a sentence on its own: "Test runs may reach the network (...)". */
export function networkPermissionSentence(permission: NetworkPermission): string {
  const text = networkPermissionText(permission);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
