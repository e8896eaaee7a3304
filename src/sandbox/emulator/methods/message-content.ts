// Checks the content of a message (text, blocks, metadata) the way chat.postMessage / update / postEphemeral do.
import { MISSING_TEXT_POINTER, validateMessage } from '../../../slack/block-kit-limits.js';
import { fail, stringArg, type MethodContext, type MethodResult } from './method-context.js';

export const MESSAGE_TEXT_MAX_LENGTH = 40_000;
/**
 * Slack's undocumented cap on the text of all a message's blocks together: past about 12,000 characters
 * chat.postMessage / update answer `msg_blocks_too_long` even when every block is within its own limits.
 */
export const BLOCKS_TOTAL_TEXT_MAX_LENGTH = 12_000;

/** The length of every `text` string anywhere in the blocks (text objects, rich text elements, …). */
export function blocksTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blocksTextLength(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce((sum, [key, inner]) => sum + (key === 'text' && typeof inner === 'string' ? inner.length : blocksTextLength(inner)), 0);
}

export interface MessageContent {
  readonly text?: string;
  readonly blocks?: unknown[];
  readonly attachments?: unknown[];
  readonly metadata?: { readonly event_type: string; readonly event_payload: Record<string, unknown> };
}

/** Message metadata as chat.postMessage / update take it, or Slack's error for a malformed one. */
function readMetadata(value: unknown): { ok: true; metadata?: MessageContent['metadata'] } | { ok: false; failure: MethodResult } {
  if (value === undefined || value === '') return { ok: true };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, failure: fail('invalid_metadata_format') };
  const { event_type: type, event_payload: payload } = value as Record<string, unknown>;
  if (typeof type !== 'string' || type === '' || typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, failure: fail('invalid_metadata_schema') };
  }
  return { ok: true, metadata: { event_type: type, event_payload: payload as Record<string, unknown> } };
}

/** The message's text/blocks/attachments, or the Slack error for them (`invalid_blocks` lists every problem). */
export function readContent(
  context: MethodContext,
  options: { readonly allowEmpty?: boolean } = {},
): { ok: true; content: MessageContent } | { ok: false; failure: MethodResult } {
  const text = stringArg(context.args, 'text');
  const blocks = context.args['blocks'];
  const attachments = context.args['attachments'];
  if (blocks !== undefined && !Array.isArray(blocks)) return { ok: false, failure: fail('invalid_blocks_format') };
  if (attachments !== undefined && !Array.isArray(attachments)) return { ok: false, failure: fail('invalid_attachments') };
  if (text !== undefined && text.length > MESSAGE_TEXT_MAX_LENGTH) return { ok: false, failure: fail('msg_too_long') };
  if (!(options.allowEmpty ?? false) && text === undefined && blocks === undefined && attachments === undefined) {
    return { ok: false, failure: fail('no_text') };
  }
  if (blocks !== undefined && blocksTextLength(blocks) > BLOCKS_TOTAL_TEXT_MAX_LENGTH) return { ok: false, failure: fail('msg_blocks_too_long') };
  if (blocks !== undefined) {
    const checked = validateMessage({ blocks, text }, { requireText: context.strict });
    if (!checked.ok) {
      const blockErrors = checked.errors.filter((e) => e.pointer !== MISSING_TEXT_POINTER);
      if (blockErrors.length === 0) return { ok: false, failure: fail('no_text') };
      const messages = blockErrors.map((e) => `${e.message} [json-pointer:${e.pointer}]`);
      return { ok: false, failure: fail('invalid_blocks', { errors: messages, response_metadata: { messages } }) };
    }
  }
  const metadata = readMetadata(context.args['metadata']);
  if (!metadata.ok) return metadata;
  return {
    ok: true,
    content: {
      ...(metadata.metadata !== undefined ? { metadata: metadata.metadata } : {}),
      ...(text !== undefined ? { text } : {}),
      ...(blocks !== undefined ? { blocks: blocks as unknown[] } : {}),
      ...(attachments !== undefined ? { attachments: attachments as unknown[] } : {}),
    },
  };
}
