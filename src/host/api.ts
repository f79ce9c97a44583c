// The API other extensions (and the integration tests) get from `extension.exports`.
// It never hands out a secret: only whether one is stored, and a fingerprint of it.
export interface ImperiumApi {
  /** The extension's version, from package.json. */
  readonly version: string;
  /** How long activate() took, in milliseconds, measured by the extension itself. */
  readonly activationMs: number;
  /** The model endpoint the key belongs to (`imperium.model.baseUrl`). */
  apiKeyEndpoint(): string;
  /** `…` and the key's last four characters when a key is stored for the endpoint, else undefined. */
  apiKeyFingerprint(): Promise<string | undefined>;
}
