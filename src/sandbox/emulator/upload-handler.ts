// Serves the upload URLs files.getUploadURLExternal hands out: raw or multipart bytes for one file id.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from './emulator-state.js';
import { readMultipart, readBody } from './request-body.js';

export async function handleUpload(req: IncomingMessage, res: ServerResponse, fileId: string, state: EmulatorState): Promise<void> {
  const body = await readBody(req);
  const file = state.files.find((f) => f.id === fileId);
  const call = { method: 'upload', args: { file_id: fileId, bytes: body.length }, at: state.now(), status: 200, ok: true };
  state.calls.push(call);
  if (!file) {
    Object.assign(call, { status: 404, ok: false, error: 'file_not_found' });
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('file_not_found');
    return;
  }
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
