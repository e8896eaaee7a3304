// The one place the emulator reads request bodies: the raw bytes (with a size cap), and Web API arguments in the
// formats clients send: form-urlencoded (object arguments JSON-encoded inside fields), JSON, and multipart (what
// @slack/web-api sends when an argument is binary), the last parsed by the platform's own FormData reader.
import type { IncomingMessage } from 'node:http';

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'files', 'metadata', 'user_auth_blocks'];

/** A body over the cap: answered 413, not a crash. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body over ${limitBytes} bytes`);
  }
}

export async function readBody(req: IncomingMessage, limitBytes = 50 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export interface FormField {
  readonly name: string;
  readonly filename?: string;
  readonly data: Buffer;
}

/** The fields of a multipart/form-data body, files as bytes; a malformed body has no fields. */
export async function readMultipart(body: Buffer, contentType: string): Promise<FormField[]> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return [];
  }
  const fields: FormField[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields.push({ name, data: Buffer.from(value, 'utf8') });
    else fields.push({ name, filename: value.name, data: Buffer.from(await value.arrayBuffer()) });
  }
  return fields;
}

/** The arguments of a Web API call, with JSON-in-a-field arguments decoded. */
export async function parseArgs(body: Buffer, contentType: string): Promise<Record<string, unknown>> {
  let args: Record<string, unknown> = {};
  if (contentType.includes('application/json')) {
    const parsed: unknown = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
  } else if (contentType.includes('multipart/form-data')) {
    for (const field of await readMultipart(body, contentType)) {
      args[field.name] = field.filename === undefined ? field.data.toString('utf8') : field.data;
    }
  } else {
    args = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  }
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        args[field] = JSON.parse(value);
      } catch {
        // left as a string: the method reports it as malformed
      }
    }
  }
  return args;
}
