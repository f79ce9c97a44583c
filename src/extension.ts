// The entry point package.json names. Everything real lives in src/host/; it is loaded on
// activation so that nothing runs before VS Code asks for it.
import type { ImperiumApi } from './host/api';

type ActivateHost = typeof import('./host/activate');

export async function activate(context: Parameters<ActivateHost['activate']>[0]): Promise<ImperiumApi> {
  const host = await import('./host/activate');
  return host.activate(context);
}

export async function deactivate(): Promise<void> {
  const host = await import('./host/activate');
  await host.deactivate();
}
