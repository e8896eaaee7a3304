// Reads Web API request bodies in the formats clients send: form-urlencoded (object arguments JSON-encoded
// inside fields), JSON, and multipart (what @slack/web-api sends when an argument is binary).
import type { IncomingMessage } from 'node:http';

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'files', 'metadata', 'user_auth_blocks'];

export async function readBody(req: IncomingMessage, limitBytes = 50 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new Error('body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export interface MultipartPart {
  readonly name: string;
  readonly filename?: string;
  readonly data: Buffer;
}

/** Splits a multipart/form-data body into its parts. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return [];
  const delimiter = Buffer.from(`--${marker}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      parts.push({ name, ...(filename !== undefined ? { filename } : {}), data: part.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}

/** The arguments of a Web API call, with JSON-in-a-field arguments decoded. */
export function parseArgs(body: Buffer, contentType: string): Record<string, unknown> {
  let args: Record<string, unknown> = {};
  if (contentType.includes('application/json')) {
    const parsed: unknown = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
  } else if (contentType.includes('multipart/form-data')) {
    for (const part of parseMultipart(body, contentType)) {
      args[part.name] = part.filename === undefined ? part.data.toString('utf8') : part.data;
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
