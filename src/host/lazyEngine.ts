// The one way into the engine bundle (./engine.ts) from what activation loads: required on the first
// call, once. Only type imports of the engine's modules may appear elsewhere in the activation path.
export type Engine = typeof import('./engine');

let loading: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  loading ??= import('./engine');
  return loading;
}
