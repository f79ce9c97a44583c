// The check every message from a webview passes before the host acts on it: a webview runs model
// and file content, so what it sends is input like any other. Kept apart from webviewProtocol.ts
// so that the webview bundle, which only sends these messages, does not carry zod.
import * as z from 'zod/mini';
import { type HostRequest, MAX_MEMORY_TEXT_CHARS, MAX_MEMORY_TITLE_CHARS, MAX_REQUEST_CHARS, type WebviewToHost } from './webviewProtocol';

// zod/mini, not zod, and built on the first message, not when the editor loads this at activation.
function schemas() {
  const id = z.string().check(z.minLength(1), z.maxLength(200));
  const workflowId = id;
  const path = z.string().check(z.minLength(1), z.maxLength(1_000));
  const position = z.int().check(z.minimum(1), z.maximum(10_000_000));
  /** Trimmed, then neither empty (`empty` says so) nor longer than `max`. */
  const text = (empty: string, max: number) => z.string().check(z.trim(), z.minLength(1, empty), z.maxLength(max));

  const hostRequestSchema = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('pause'), workflowId }),
    z.strictObject({ kind: z.literal('resume'), workflowId }),
    z.strictObject({ kind: z.literal('cancel'), workflowId }),
    z.strictObject({ kind: z.literal('start'), request: text('the request is empty', MAX_REQUEST_CHARS), workflow: z.optional(id) }),
    z.strictObject({ kind: z.literal('decide'), approvalId: id, approved: z.boolean(), choice: z.optional(z.string().check(z.minLength(1), z.maxLength(1_000))) }),
    z.strictObject({ kind: z.literal('undo'), workflowId }),
    z.strictObject({ kind: z.literal('open-diff'), workflowId, path }),
    z.strictObject({ kind: z.literal('open-engine-link'), workflowId }),
    z
      .strictObject({
        kind: z.literal('edit-memory'),
        memoryId: id,
        title: z.optional(text('the title is empty', MAX_MEMORY_TITLE_CHARS)),
        text: z.optional(text('the text is empty', MAX_MEMORY_TEXT_CHARS)),
      })
      .check(z.refine((edit) => edit.title !== undefined || edit.text !== undefined, 'an edit changes the title, the text, or both')),
    z.strictObject({ kind: z.literal('delete-memory'), memoryId: id }),
    z.strictObject({ kind: z.literal('open-file'), path, line: z.optional(position), column: z.optional(position) }),
    z.strictObject({ kind: z.literal('open-command-center') }),
    z.strictObject({ kind: z.literal('show-log') }),
  ]);

  const webviewToHostSchema = z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('ready') }),
    z.strictObject({ type: z.literal('request'), id: z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)), request: hostRequestSchema }),
  ]);
  // zod/mini carries no messages of its own: the log gets English ones.
  return { hostRequestSchema, webviewToHostSchema, english: z.locales.en() };
}

type Schemas = ReturnType<typeof schemas>;
let built: Schemas | undefined;

// The schema and the protocol's types must describe the same messages; this fails to compile if not.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agreesWithProtocol: Same<z.output<Schemas['webviewToHostSchema']>, WebviewToHost> & Same<z.output<Schemas['hostRequestSchema']>, HostRequest> = true;
void agreesWithProtocol;

export type ParsedWebviewMessage = { readonly ok: true; readonly message: WebviewToHost } | { readonly ok: false; readonly error: string };

/** Checks a message from a webview; the error says what is wrong, for the log. */
export function parseWebviewMessage(value: unknown): ParsedWebviewMessage {
  built ??= schemas();
  const result = built.webviewToHostSchema.safeParse(value, { error: built.english.localeError });
  return result.success ? { ok: true, message: result.data } : { ok: false, error: z.prettifyError(result.error) };
}
