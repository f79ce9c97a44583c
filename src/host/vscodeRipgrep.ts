// The ripgrep VS Code ships, for the workspace search's first pass: where it lies differs between
// versions and packagings, so each known place is tried. None found: the search looks for "rg" on PATH.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export function vscodeRipgrep(): string | undefined {
  const executable = process.platform === 'win32' ? 'rg.exe' : 'rg';
  const places = ['node_modules', 'node_modules.asar.unpacked'].flatMap((modules) => [
    join(vscode.env.appRoot, modules, '@vscode', 'ripgrep', 'bin', executable),
    join(vscode.env.appRoot, modules, '@vscode', 'ripgrep-universal', 'bin', `${process.platform}-${process.arch}`, executable),
  ]);
  return places.find((place) => existsSync(place));
}
