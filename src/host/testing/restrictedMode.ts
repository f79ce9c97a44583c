// What the Test Explorer says in Restricted Mode (Workspace Trust), where it lists and runs nothing:
// frameworks load the test files to list them, so even listing would run the workspace's code.

/** The item shown instead of the tests. */
export const RESTRICTED_LABEL = 'Tests are listed once this workspace is trusted';

export const RESTRICTED_LISTING =
  "This workspace is open in Restricted Mode. Listing its tests would run its code (the test frameworks load the test files), so Imperium Flow lists none until you trust the workspace (Manage Workspace Trust).";

export const RESTRICTED_RUN =
  'This workspace is open in Restricted Mode: running its tests would run its code, so Imperium Flow runs none. Trust the workspace (Manage Workspace Trust) to run them.';
