// Serves the upload URLs files.getUploadURLExternal hands out: raw or multipart bytes for one file id, until
// the upload is completed. Anyone on the machine can reach this port, and a page on any site can POST text to
// it, so the URL's key is checked and a completed file is never written again.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sameSecret } from './console-api.js';
import type { EmulatorState } from './emulator-state.js';
import { readMultipart, readBody } from './request-body.js';

export async function handleUpload(req: IncomingMessage, res: ServerResponse, fileId: string, key: string, state: EmulatorState): Promise<void> {
  const body = await readBody(req);
  const file = state.files.find((f) => f.id === fileId);
  const call = { method: 'upload', args: { file_id: fileId, bytes: body.length }, at: state.now(), status: 200, ok: true };
  state.calls.push(call);
  const refuse = (status: number, error: string) => {
    Object.assign(call, { status, ok: false, error });
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(error);
  };
  if (!file?.uploadKey || !sameSecret(key, file.uploadKey)) return refuse(404, 'file_not_found');
  if (file.completed) return refuse(409, 'already_completed');
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.includes('multipart/form-data')) {
    const parts = await readMultipart(body, contentType);
    const part = parts.find((p) => p.filename !== undefined) ?? parts.find((p) => p.name === 'file') ?? parts[0];
    file.content = part?.data ?? Buffer.alloc(0);
  } else {
    file.content = body;
  }
  state.emit({ kind: 'file' });
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`OK - ${file.content.length}`);
}
