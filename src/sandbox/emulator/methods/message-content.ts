// Checks the content of a message (text, blocks) the way chat.postMessage / update / postEphemeral do.
import { MISSING_TEXT_POINTER, validateMessage } from '../../../slack/block-kit-limits.js';
import { fail, stringArg, type MethodContext, type MethodResult } from './method-context.js';

export const MESSAGE_TEXT_MAX_LENGTH = 40_000;

export interface MessageContent {
  readonly text?: string;
  readonly blocks?: unknown[];
  readonly attachments?: unknown[];
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
  if (blocks !== undefined) {
    const checked = validateMessage({ blocks, text }, { requireText: context.strict });
    if (!checked.ok) {
      const blockErrors = checked.errors.filter((e) => e.pointer !== MISSING_TEXT_POINTER);
      if (blockErrors.length === 0) return { ok: false, failure: fail('no_text') };
      const messages = blockErrors.map((e) => `${e.message} [json-pointer:${e.pointer}]`);
      return { ok: false, failure: fail('invalid_blocks', { errors: messages, response_metadata: { messages } }) };
    }
  }
  return {
    ok: true,
    content: {
      ...(text !== undefined ? { text } : {}),
      ...(blocks !== undefined ? { blocks: blocks as unknown[] } : {}),
      ...(attachments !== undefined ? { attachments: attachments as unknown[] } : {}),
    },
  };
}
