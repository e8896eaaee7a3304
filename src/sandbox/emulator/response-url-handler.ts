// Serves the response_url of slash commands and clicks: JSON posted there becomes an ephemeral or an
// in-channel message, or replaces / deletes the message that was clicked.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateMessage } from '../../slack/block-kit-limits.js';
import type { EmulatorState } from './emulator-state.js';
import { RESPONSE_URL_MAX_USES } from './emulator-state.js';
import { readBody } from './request-body.js';

export async function handleResponseUrl(req: IncomingMessage, res: ServerResponse, id: string, state: EmulatorState): Promise<void> {
  const raw = (await readBody(req)).toString('utf8');
  const answer = (status: number, error?: string) => {
    state.calls.push({ method: 'response_url', args: { id, body: raw }, at: state.now(), status, ok: status === 200, ...(error ? { error } : {}) });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(error ? { ok: false, error } : { ok: true }));
  };
  const target = state.responseUrls.get(id);
  if (!target || state.now() > target.expiresAt || target.uses >= RESPONSE_URL_MAX_USES) return answer(404, 'expired_url');
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return answer(400, 'invalid_json');
  }
  const blocks = Array.isArray(body['blocks']) ? body['blocks'] : undefined;
  const text = typeof body['text'] === 'string' ? body['text'] : '';
  if (blocks !== undefined && !validateMessage({ blocks, text }, { requireText: false }).ok) return answer(400, 'invalid_blocks');
  target.uses += 1;
  const source = target.messageTs;
  if (body['delete_original'] === true && source !== undefined) {
    const gone = target.ephemeral
      ? state.ephemerals.find((e) => e.channel === target.channel && e.ts === source)
      : state.message(target.channel, source);
    if (gone) gone.deleted = true;
    state.emit({ kind: target.ephemeral ? 'ephemeral' : 'message', channel: target.channel, userId: target.user });
    return answer(200);
  }
  if (body['replace_original'] === true && source !== undefined) {
    const original = target.ephemeral
      ? state.ephemerals.find((e) => e.channel === target.channel && e.ts === source)
      : state.message(target.channel, source);
    if (!original) return answer(404, 'message_not_found');
    original.text = text;
    if (blocks !== undefined) original.blocks = blocks;
    else delete original.blocks;
    state.emit({ kind: target.ephemeral ? 'ephemeral' : 'message', channel: target.channel, userId: target.user });
    return answer(200);
  }
  const threadTs = typeof body['thread_ts'] === 'string' ? body['thread_ts'] : undefined;
  if (body['response_type'] === 'in_channel') {
    state.addMessage({
      channel: target.channel,
      user: state.bot.userId,
      botId: state.bot.botId,
      text,
      ...(blocks !== undefined ? { blocks } : {}),
      ...(threadTs !== undefined ? { threadTs } : {}),
    });
  } else {
    state.addEphemeral({ channel: target.channel, user: target.user, text, via: 'response_url', ...(blocks !== undefined ? { blocks } : {}) });
  }
  return answer(200);
}
