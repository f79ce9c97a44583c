// What the model sees of where the workspace lies on this machine: nothing. Error messages and test
// output name files by absolute path ("/home/ana/work/app/src/a.js", "No test framework found in
// /home/ana/work/app"); the model gets them workspace-relative, and the root itself as ".".

/** `text` with the workspace root's absolute path (either separator) made relative. */
export function withoutHostPaths(text: string, root: string): string {
  const trimmed = root.replace(/[\\/]+$/, '');
  // A root of "/" or "C:" would turn every absolute path into nonsense; such a root is shown as is.
  if (!/[\\/]./.test(trimmed)) return text;
  let result = text;
  for (const form of new Set([trimmed, trimmed.replace(/\\/g, '/'), trimmed.replace(/\//g, '\\')])) {
    const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // The root followed by a separator starts a relative path; on its own, it is the root. A longer
    // name that merely starts the same ("/work/app2") is left alone.
    result = result.replace(new RegExp(`${escaped}(?:[\\\\/]|(?![\\w.-]))`, 'g'), (match) => (match.length > form.length ? '' : '.'));
  }
  return result;
}
