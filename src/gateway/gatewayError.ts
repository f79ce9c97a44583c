// The errors every gateway surface reports the same way: MCP as a tool error, HTTP by status code.

export type GatewayErrorCode = 'invalid-input' | 'not-found' | 'conflict';

export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly code: GatewayErrorCode,
    message: string,
  ) {
    super(message);
  }
}
