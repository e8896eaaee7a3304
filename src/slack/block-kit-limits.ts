// Slack has no offline Block Kit validator: this zod schema encodes the limits of the block subset klaxon
// emits, so view tests and the emulator reject what the real API would reject.
import { z } from 'zod';

export const MESSAGE_MAX_BLOCKS = 50;
export const MODAL_MAX_BLOCKS = 100;

/** One problem, located by a JSON pointer into the payload (like Slack's `blocks.validate`). */
export interface BlockKitError {
  readonly pointer: string;
  readonly message: string;
}

export type BlockKitValidation = { readonly ok: true } | { readonly ok: false; readonly errors: BlockKitError[] };

const chars = (max: number) => z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const id = chars(255).optional();

const plainText = (max: number) =>
  z.looseObject({ type: z.literal('plain_text'), text: chars(max), emoji: z.boolean().optional() });
const anyText = (max: number) =>
  z.looseObject({ type: z.enum(['plain_text', 'mrkdwn']), text: chars(max), verbatim: z.boolean().optional() });

const confirm = z.looseObject({
  title: plainText(100),
  text: anyText(300),
  confirm: plainText(30),
  deny: plainText(30),
  style: z.enum(['primary', 'danger']).optional(),
});

const option = z.looseObject({
  text: anyText(75),
  value: chars(75),
  description: plainText(75).optional(),
});

const button = z.looseObject({
  type: z.literal('button'),
  text: plainText(75),
  action_id: id,
  value: chars(2000).optional(),
  url: chars(3000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
  confirm: confirm.optional(),
  accessibility_label: chars(75).optional(),
});

const staticSelect = z
  .looseObject({
    type: z.literal('static_select'),
    action_id: id,
    placeholder: plainText(150).optional(),
    options: z.array(option).min(1, 'must have at least 1 option').max(100, 'must have at most 100 options').optional(),
    option_groups: z
      .array(z.looseObject({ label: plainText(75), options: z.array(option).min(1).max(100, 'must have at most 100 options') }))
      .max(100, 'must have at most 100 option groups')
      .optional(),
    initial_option: option.optional(),
    confirm: confirm.optional(),
  })
  .refine((s) => (s.options === undefined) !== (s.option_groups === undefined), {
    message: 'needs exactly one of options or option_groups',
  });

const overflow = z.looseObject({
  type: z.literal('overflow'),
  action_id: id,
  options: z.array(option).min(2, 'must have at least 2 options').max(5, 'must have at most 5 options'),
  confirm: confirm.optional(),
});

const usersSelect = z.looseObject({
  type: z.literal('users_select'),
  action_id: id,
  placeholder: plainText(150).optional(),
  initial_user: z.string().optional(),
  confirm: confirm.optional(),
});

const multiUsersSelect = z.looseObject({
  type: z.literal('multi_users_select'),
  action_id: id,
  placeholder: plainText(150).optional(),
  initial_users: z.array(z.string()).optional(),
  max_selected_items: z.number().int().min(1).optional(),
});

const datepicker = z.looseObject({
  type: z.literal('datepicker'),
  action_id: id,
  placeholder: plainText(150).optional(),
  initial_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').optional(),
  confirm: confirm.optional(),
});

const plainTextInput = z.looseObject({
  type: z.literal('plain_text_input'),
  action_id: id,
  placeholder: plainText(150).optional(),
  initial_value: z.string().max(3000, 'must be at most 3000 characters').optional(),
  multiline: z.boolean().optional(),
  min_length: z.number().int().min(0).max(3000, 'must be at most 3000').optional(),
  max_length: z.number().int().min(1).max(3000, 'must be at most 3000').optional(),
});

const checkboxes = z.looseObject({
  type: z.literal('checkboxes'),
  action_id: id,
  options: z.array(option).min(1, 'must have at least 1 option').max(10, 'must have at most 10 options'),
  initial_options: z.array(option).optional(),
  confirm: confirm.optional(),
});

const imageElement = z.looseObject({
  type: z.literal('image'),
  image_url: chars(3000),
  alt_text: chars(2000),
});

const accessory = z.discriminatedUnion('type', [button, staticSelect, overflow, usersSelect, datepicker, imageElement]);

const header = z.looseObject({ type: z.literal('header'), block_id: id, text: plainText(150) });

const section = z
  .looseObject({
    type: z.literal('section'),
    block_id: id,
    text: anyText(3000).optional(),
    fields: z.array(anyText(2000)).min(1).max(10, 'must have at most 10 fields').optional(),
    accessory: accessory.optional(),
  })
  .refine((s) => s.text !== undefined || s.fields !== undefined, { message: 'needs text or fields' });

const context = z.looseObject({
  type: z.literal('context'),
  block_id: id,
  elements: z
    .array(z.discriminatedUnion('type', [z.looseObject({ type: z.enum(['plain_text', 'mrkdwn']), text: z.string().min(1, 'must not be empty') }), imageElement]))
    .min(1, 'must have at least 1 element')
    .max(10, 'must have at most 10 elements'),
});

const divider = z.looseObject({ type: z.literal('divider'), block_id: id });

const actions = z.looseObject({
  type: z.literal('actions'),
  block_id: id,
  elements: z
    .array(z.discriminatedUnion('type', [button, staticSelect, overflow, usersSelect, datepicker]))
    .min(1, 'must have at least 1 element')
    .max(25, 'must have at most 25 elements'),
});

const input = z.looseObject({
  type: z.literal('input'),
  block_id: id,
  label: plainText(2000),
  hint: plainText(2000).optional(),
  optional: z.boolean().optional(),
  dispatch_action: z.boolean().optional(),
  element: z.discriminatedUnion('type', [plainTextInput, staticSelect, usersSelect, multiUsersSelect, datepicker, checkboxes]),
});

const image = z.looseObject({
  type: z.literal('image'),
  block_id: id,
  image_url: chars(3000),
  alt_text: chars(2000),
  title: plainText(2000).optional(),
});

const richText = z.looseObject({ type: z.literal('rich_text'), block_id: id, elements: z.array(z.looseObject({ type: z.string() })) });

const block = z.discriminatedUnion('type', [header, section, context, divider, actions, input, image, richText]);

const view = z.looseObject({
  type: z.enum(['modal', 'home']),
  title: plainText(24).optional(),
  submit: plainText(24).optional(),
  close: plainText(24).optional(),
  blocks: z.array(z.unknown()),
  private_metadata: z.string().max(3000, 'must be at most 3000 characters').optional(),
  callback_id: chars(255).optional(),
  external_id: chars(255).optional(),
  clear_on_close: z.boolean().optional(),
  notify_on_close: z.boolean().optional(),
});

const pointerOf = (path: readonly PropertyKey[]): string =>
  path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

function issuesOf(schema: z.ZodType, value: unknown, prefix: string): BlockKitError[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({ pointer: prefix + pointerOf(issue.path), message: issue.message }));
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

function uniquenessErrors(blocks: readonly unknown[], prefix: string): BlockKitError[] {
  const errors: BlockKitError[] = [];
  const blockIds = new Set<string>();
  blocks.forEach((raw, index) => {
    const b = asRecord(raw);
    if (typeof b['block_id'] === 'string') {
      if (blockIds.has(b['block_id'])) {
        errors.push({ pointer: `${prefix}/${index}/block_id`, message: `duplicate block_id '${b['block_id']}'` });
      }
      blockIds.add(b['block_id']);
    }
    const elements = Array.isArray(b['elements']) && b['type'] === 'actions' ? b['elements'] : [];
    const actionIds = new Set<string>();
    elements.forEach((element, at) => {
      const actionId = asRecord(element)['action_id'];
      if (typeof actionId !== 'string') return;
      if (actionIds.has(actionId)) {
        errors.push({ pointer: `${prefix}/${index}/elements/${at}/action_id`, message: `duplicate action_id '${actionId}'` });
      }
      actionIds.add(actionId);
    });
  });
  return errors;
}

function blocksErrors(blocks: unknown, max: number, prefix: string): BlockKitError[] {
  if (!Array.isArray(blocks)) return [{ pointer: prefix, message: 'must be an array of blocks' }];
  const errors: BlockKitError[] = [];
  if (blocks.length > max) errors.push({ pointer: prefix, message: `must contain at most ${max} blocks` });
  blocks.forEach((b, index) => errors.push(...issuesOf(block, b, `${prefix}/${index}`)));
  errors.push(...uniquenessErrors(blocks, prefix));
  return errors;
}

const outcome = (errors: BlockKitError[]): BlockKitValidation => (errors.length === 0 ? { ok: true } : { ok: false, errors });

/** The pointer of the error `validateMessage` reports for blocks without a `text` fallback. */
export const MISSING_TEXT_POINTER = '/text';

/**
 * Checks a message payload. Slack itself only warns when blocks come without a `text` fallback; this reports
 * it (pointer `/text`) unless `requireText` is false, because notifications and screen readers need it.
 */
export function validateMessage(
  message: { readonly blocks?: unknown; readonly text?: unknown },
  options: { readonly requireText?: boolean } = {},
): BlockKitValidation {
  const errors: BlockKitError[] = [];
  if (message.blocks !== undefined) {
    errors.push(...blocksErrors(message.blocks, MESSAGE_MAX_BLOCKS, '/blocks'));
    const text = message.text;
    if ((options.requireText ?? true) && (typeof text !== 'string' || text.trim() === '')) {
      errors.push({ pointer: MISSING_TEXT_POINTER, message: 'a text fallback is required when blocks are given' });
    }
  }
  return outcome(errors);
}

/** Checks a modal (or Home tab) view: its own limits, then every block with the modal's 100-block limit. */
export function validateView(candidate: unknown): BlockKitValidation {
  const errors = issuesOf(view, candidate, '');
  const v = asRecord(candidate);
  if (v['type'] === 'modal' && v['title'] === undefined) errors.push({ pointer: '/title', message: 'a modal needs a title' });
  if (Array.isArray(v['blocks'])) {
    errors.push(...blocksErrors(v['blocks'], MODAL_MAX_BLOCKS, '/blocks'));
    const hasInput = v['blocks'].some((b) => asRecord(b)['type'] === 'input');
    if (v['type'] === 'modal' && hasInput && v['submit'] === undefined) {
      errors.push({ pointer: '/submit', message: 'a modal with input blocks needs a submit button' });
    }
  }
  return outcome(errors);
}
