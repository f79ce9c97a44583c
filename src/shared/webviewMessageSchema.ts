// The check every message from a webview passes before the host acts on it: a webview runs model
// and file content, so what it sends is input like any other. Kept apart from webviewProtocol.ts
// so that the webview bundle, which only sends these messages, does not carry zod.
import { z } from 'zod';
import type { HostRequest, WebviewToHost } from './webviewProtocol';

/** The longest request text a person may type into the start form. */
export const MAX_REQUEST_CHARS = 20_000;

const workflowId = z.string().min(1).max(200);
const position = z.number().int().min(1).max(10_000_000);

const hostRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pause'), workflowId }),
  z.strictObject({ kind: z.literal('resume'), workflowId }),
  z.strictObject({ kind: z.literal('cancel'), workflowId }),
  z.strictObject({ kind: z.literal('start'), request: z.string().trim().min(1, 'the request is empty').max(MAX_REQUEST_CHARS) }),
  z.strictObject({ kind: z.literal('open-file'), path: z.string().min(1).max(1_000), line: position.optional(), column: position.optional() }),
  z.strictObject({ kind: z.literal('open-command-center') }),
  z.strictObject({ kind: z.literal('show-log') }),
]);

const webviewToHostSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('request'), id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), request: hostRequestSchema }),
]);

// The schema and the protocol's types must describe the same messages; this fails to compile if not.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agreesWithProtocol: Same<z.output<typeof webviewToHostSchema>, WebviewToHost> & Same<z.output<typeof hostRequestSchema>, HostRequest> = true;
void agreesWithProtocol;

export type ParsedWebviewMessage = { readonly ok: true; readonly message: WebviewToHost } | { readonly ok: false; readonly error: string };

/** Checks a message from a webview; the error says what is wrong, for the log. */
export function parseWebviewMessage(value: unknown): ParsedWebviewMessage {
  const result = webviewToHostSchema.safeParse(value);
  return result.success ? { ok: true, message: result.data } : { ok: false, error: z.prettifyError(result.error) };
}
