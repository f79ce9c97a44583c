// API keys in VS Code's SecretStorage (the OS keychain), one per endpoint origin; never in settings.
import type * as vscode from 'vscode';
import { keyFingerprint, secretNameForEndpoint } from '../llm/endpoint';
import type { Settings } from './settings';

export class ApiKeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly settings: Settings,
  ) {}

  endpoint(): string {
    return this.settings.modelBaseUrl();
  }

  async get(): Promise<string | undefined> {
    return this.secrets.get(secretNameForEndpoint(this.endpoint()));
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(secretNameForEndpoint(this.endpoint()), key.trim());
  }

  async fingerprint(): Promise<string | undefined> {
    const key = await this.get();
    return key === undefined ? undefined : keyFingerprint(key);
  }
}
