// The check every message from a webview passes before the host acts on it: a webview runs model
// and file content, so what it sends is input like any other. Kept apart from webviewProtocol.ts
// so that the webview bundle, which only sends these messages, does not carry zod.
import { z } from 'zod';
import { type HostRequest, MAX_MEMORY_TEXT_CHARS, MAX_MEMORY_TITLE_CHARS, MAX_REQUEST_CHARS, type WebviewToHost } from './webviewProtocol';

const id = z.string().min(1).max(200);
const workflowId = id;
const path = z.string().min(1).max(1_000);
const position = z.number().int().min(1).max(10_000_000);

const hostRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pause'), workflowId }),
  z.strictObject({ kind: z.literal('resume'), workflowId }),
  z.strictObject({ kind: z.literal('cancel'), workflowId }),
  z.strictObject({ kind: z.literal('start'), request: z.string().trim().min(1, 'the request is empty').max(MAX_REQUEST_CHARS), workflow: id.optional() }),
  z.strictObject({ kind: z.literal('decide'), approvalId: id, approved: z.boolean(), choice: z.string().min(1).max(1_000).optional() }),
  z.strictObject({ kind: z.literal('undo'), workflowId }),
  z.strictObject({ kind: z.literal('open-diff'), workflowId, path }),
  z.strictObject({ kind: z.literal('open-engine-link'), workflowId }),
  z
    .strictObject({
      kind: z.literal('edit-memory'),
      memoryId: id,
      title: z.string().trim().min(1, 'the title is empty').max(MAX_MEMORY_TITLE_CHARS).optional(),
      text: z.string().trim().min(1, 'the text is empty').max(MAX_MEMORY_TEXT_CHARS).optional(),
    })
    .refine((edit) => edit.title !== undefined || edit.text !== undefined, 'an edit changes the title, the text, or both'),
  z.strictObject({ kind: z.literal('delete-memory'), memoryId: id }),
  z.strictObject({ kind: z.literal('open-file'), path, line: position.optional(), column: position.optional() }),
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
