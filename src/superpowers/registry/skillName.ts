// The Agent Skills specification's rules for a skill's name: 1 to 64 characters, lowercase letters,
// digits and hyphens only, no hyphen first, last or twice in a row, and equal to its folder's name.
// Letters and digits may be any script's (the specification says unicode lowercase alphanumerics),
// compared after NFKC normalisation, as its reference validator does.

const MAX_NAME_LENGTH = 64;

/** Why `name` breaks the rules, or undefined when it keeps them. */
export function nameProblem(name: string, folderName: string): string | undefined {
  const normalized = name.normalize('NFKC');
  const length = [...normalized].length;
  if (length === 0) return 'its name is empty';
  if (length > MAX_NAME_LENGTH) return `its name "${name}" is ${length} characters long; the limit is ${MAX_NAME_LENGTH}`;
  const bad = [...normalized].find((character) => !isNameCharacter(character));
  if (bad !== undefined) {
    return `its name "${name}" has ${describe(bad)}; a name has only lowercase letters, digits and hyphens`;
  }
  if (normalized.startsWith('-') || normalized.endsWith('-')) return `its name "${name}" starts or ends with a hyphen`;
  if (normalized.includes('--')) return `its name "${name}" has two hyphens in a row`;
  if (normalized !== folderName.normalize('NFKC')) return `its name "${name}" is not its folder's name "${folderName}"`;
  return undefined;
}

function isNameCharacter(character: string): boolean {
  if (character === '-') return true;
  if (!/^[\p{L}\p{N}]$/u.test(character)) return false;
  // A letter without case (as in most scripts outside Latin, Greek, Cyrillic) counts as lowercase.
  return character === character.toLowerCase();
}

function describe(character: string): string {
  if (/\s/u.test(character)) return 'a space';
  if (character !== character.toLowerCase()) return `an uppercase letter ("${character}")`;
  return `the character "${character}"`;
}
