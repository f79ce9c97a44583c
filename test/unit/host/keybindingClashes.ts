// Whether contributed keybindings take keys VS Code binds by default: same key, or one is the first
// press of the other's chord (ours would shadow theirs, or theirs would swallow ours). Strict: a
// default under any when-clause counts, so ours never depend on a context VS Code may widen.

export interface Keybinding {
  readonly command: string;
  readonly key: string;
  readonly mac?: string;
  readonly linux?: string;
  readonly win?: string;
  readonly when?: string;
}

export interface Clash {
  readonly command: string;
  readonly key: string;
  readonly defaultCommand: string;
  readonly defaultKey: string;
}

const MODIFIER_ORDER = ['ctrl', 'shift', 'alt', 'cmd', 'meta', 'win'];

/** One press with its modifiers in a fixed order, lower case: "Alt+Ctrl+I" and "ctrl+alt+i" are the same press. */
function press(text: string): string {
  const parts = text.toLowerCase().split('+').filter(Boolean);
  const key = parts.pop() ?? '';
  const modifiers = parts.map((part) => (part === 'meta' ? 'cmd' : part)).sort((a, b) => MODIFIER_ORDER.indexOf(a) - MODIFIER_ORDER.indexOf(b));
  return [...modifiers, key].join('+');
}

/** A key as its presses: "ctrl+k ctrl+s" is two. */
export function presses(key: string): string[] {
  return key.trim().split(/\s+/).map(press);
}

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  const length = Math.min(a.length, b.length);
  return a.slice(0, length).every((step, index) => step === b[index]);
}

/** The key a contribution binds on a platform. */
export function keyOn(binding: Keybinding, platform: 'linux' | 'mac' | 'win'): string {
  return binding[platform] ?? binding.key;
}

export function clashesWithDefaults(ours: readonly Keybinding[], defaults: readonly Pick<Keybinding, 'command' | 'key'>[], platform: 'linux' | 'mac' | 'win'): Clash[] {
  const clashes: Clash[] = [];
  for (const binding of ours) {
    const key = keyOn(binding, platform);
    for (const builtIn of defaults) {
      if (overlaps(presses(key), presses(builtIn.key))) clashes.push({ command: binding.command, key, defaultCommand: builtIn.command, defaultKey: builtIn.key });
    }
  }
  return clashes;
}
