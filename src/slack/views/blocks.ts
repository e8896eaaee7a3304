// Small Block Kit constructors that apply the limits (ecosystem §3.1) as they build, so no caller can exceed them.
import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ConfirmationDialog,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  MrkdwnElement,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';
import { fitPlain } from '../mrkdwn.js';

// Limits of the fields we fill (Slack's, in characters).
export const LIMIT = {
  header: 150,
  section: 3000,
  field: 2000,
  context: 3000,
  contextElements: 10,
  button: 75,
  value: 2000,
  option: 75,
  placeholder: 150,
  modalTitle: 24,
  metadata: 3000,
  input: 3000,
  fallback: 3000,
  messageBlocks: 50,
  modalBlocks: 100,
} as const;

// A plain_text object cut to `max`, on one line.
export const plain = (text: string, max: number): PlainTextElement => ({
  type: 'plain_text',
  text: fitPlain(text, max, { singleLine: true }),
  emoji: true,
});

// mrkdwn that we composed ourselves (user parts already escaped); only the length is enforced here.
export const mrkdwn = (text: string, max: number = LIMIT.section): MrkdwnElement => ({
  type: 'mrkdwn',
  text: fitTrusted(text, max),
});

// Cuts composed mrkdwn without leaving half an entity or an unclosed `<…>` behind.
export function fitTrusted(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  const openTag = cut.lastIndexOf('<');
  if (openTag > cut.lastIndexOf('>')) cut = cut.slice(0, openTag);
  const openEntity = cut.lastIndexOf('&');
  if (openEntity > cut.lastIndexOf(';')) cut = cut.slice(0, openEntity);
  return `${cut}…`;
}

// The title line of a message.
export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(text, LIMIT.header) });

// A mrkdwn section with an optional accessory (a button or a menu at its right).
export function section(text: string, accessory?: SectionBlock['accessory'], blockId?: string): SectionBlock {
  return {
    type: 'section',
    text: mrkdwn(text),
    ...(accessory === undefined ? {} : { accessory }),
    ...(blockId === undefined ? {} : { block_id: blockId }),
  };
}

// Two-column label/value pairs (at most 10).
export const fields = (pairs: readonly string[]): SectionBlock => ({
  type: 'section',
  fields: pairs.slice(0, 10).map((p) => mrkdwn(p, LIMIT.field)),
});

// Small grey lines under a block (at most 10 elements).
export const context = (parts: readonly string[]): ContextBlock => ({
  type: 'context',
  elements: parts.slice(0, LIMIT.contextElements).map((p) => mrkdwn(p, LIMIT.context)),
});

export const divider = (): DividerBlock => ({ type: 'divider' });

// A row of buttons and menus (at most 25).
export const actions = (elements: readonly ActionsBlockElement[], blockId?: string): ActionsBlock => ({
  type: 'actions',
  elements: elements.slice(0, 25),
  ...(blockId === undefined ? {} : { block_id: blockId }),
});

// A button; the value is data for a listener, so a too-long one is a bug, not something to cut.
export function button(spec: {
  readonly text: string;
  readonly actionId: string;
  readonly value?: string;
  readonly style?: 'primary' | 'danger';
  readonly confirm?: ConfirmationDialog;
}): Button {
  if (spec.value !== undefined && spec.value.length > LIMIT.value) throw new Error(`button value too long: ${spec.value.length}`);
  return {
    type: 'button',
    text: plain(spec.text, LIMIT.button),
    action_id: spec.actionId,
    ...(spec.value === undefined ? {} : { value: spec.value }),
    ...(spec.style === undefined ? {} : { style: spec.style }),
    ...(spec.confirm === undefined ? {} : { confirm: spec.confirm }),
  };
}

// A menu option; its value is an id we chose, so a too-long one is a bug.
export function option(text: string, value: string): PlainTextOption {
  if (value.length === 0 || value.length > LIMIT.option) throw new Error(`option value must be 1..${LIMIT.option} chars: ${value}`);
  return { text: plain(text, LIMIT.option), value };
}

// A confirmation dialog (title 100, text 300, buttons 30).
export const confirmDialog = (spec: {
  readonly title: string;
  readonly text: string;
  readonly confirm: string;
  readonly deny: string;
  readonly danger?: boolean;
}): ConfirmationDialog => ({
  title: plain(spec.title, 100),
  text: { type: 'plain_text', text: fitPlain(spec.text, 300) },
  confirm: plain(spec.confirm, 30),
  deny: plain(spec.deny, 30),
  ...(spec.danger ? { style: 'danger' as const } : {}),
});

// The notification text, composed like mrkdwn (user parts escaped by the caller), bounded and never blank.
export const fallbackText = (text: string): string => fitTrusted(text.trim() === '' ? '—' : text, LIMIT.fallback);
