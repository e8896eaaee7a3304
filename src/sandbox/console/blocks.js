// @ts-check
// Block Kit → DOM for the subset klaxon emits. Text goes through renderMrkdwn (escaped) or textContent.
import { renderMrkdwn } from './mrkdwn.js';
import { words } from './words.js';

export { emojify } from './mrkdwn.js';

/**
 * @typedef {import('./console-types').Block} Block
 * @typedef {import('./console-types').BlockElement} BlockElement
 * @typedef {import('./console-types').BlockOption} BlockOption
 * @typedef {import('./console-types').InputValues} InputValues
 * @typedef {import('./console-types').Lookup} Lookup
 * @typedef {import('./console-types').RenderContext} RenderContext
 * @typedef {import('./console-types').RichTextNode} RichTextNode
 * @typedef {import('./console-types').TextObject} TextObject
 * @typedef {Node | string | null | undefined} Child
 */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {Child | readonly Child[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
const el = (tag, className, children = []) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of Array.isArray(children) ? children : [children]) if (child != null) node.append(child);
  return node;
};

/**
 * A text object: mrkdwn through the renderer, plain_text as text (Slack renders `emoji` shortcodes; we keep them).
 * @param {TextObject | string | undefined} text
 * @param {{ readonly lookup: Lookup }} ctx
 * @param {'span' | 'div' | 'h3'} [tag]
 * @param {string} [className]
 * @returns {HTMLElement}
 */
export function textNode(text, ctx, tag = 'span', className = '') {
  const node = el(tag, className);
  if (!text) return node;
  if (typeof text === 'string') {
    node.textContent = text;
    return node;
  }
  if (text.type === 'mrkdwn') node.innerHTML = renderMrkdwn(text.text, ctx.lookup);
  else node.textContent = text.text ?? '';
  return node;
}

/**
 * @param {BlockElement} element
 * @param {string | undefined} blockId
 * @param {RenderContext} ctx
 */
function button(element, blockId, ctx) {
  const node = el('button', `bk-button ${element.style ?? ''}`.trim());
  node.type = 'button';
  node.textContent = (typeof element.text === 'string' ? element.text : element.text?.text) ?? words.button;
  node.dataset.actionId = element.action_id ?? '';
  node.addEventListener('click', async () => {
    if (element.confirm && !(await ctx.confirm(element.confirm))) return;
    if (element.url) window.open(element.url, '_blank', 'noopener');
    ctx.onAction({ kind: 'click', actionId: element.action_id, blockId, value: element.value });
  });
  return node;
}

/**
 * @param {BlockElement} element
 * @returns {readonly BlockOption[]}
 */
function optionsOf(element) {
  return element.options ?? (element.option_groups ?? []).flatMap((g) => g.options ?? []);
}

/**
 * @param {BlockElement} element
 * @param {string | undefined} blockId
 * @param {RenderContext} ctx
 * @param {boolean} interactive
 */
function staticSelect(element, blockId, ctx, interactive) {
  const node = el('select', 'bk-select');
  node.dataset.actionId = element.action_id ?? '';
  const placeholder = el('option', '', element.placeholder?.text ?? words.selectOption);
  placeholder.value = '';
  node.append(placeholder);
  for (const option of optionsOf(element)) {
    const item = el('option', '', option.text?.text ?? option.value);
    item.value = option.value;
    if (element.initial_option?.value === option.value) item.selected = true;
    node.append(item);
  }
  if (interactive) {
    node.addEventListener('change', () => {
      if (node.value) ctx.onAction({ kind: 'select', actionId: element.action_id, blockId, value: node.value });
    });
  }
  return node;
}

/**
 * @param {BlockElement} element
 * @param {string | undefined} blockId
 * @param {RenderContext} ctx
 * @param {boolean} interactive
 */
function usersSelect(element, blockId, ctx, interactive) {
  const node = el('select', 'bk-select');
  node.dataset.actionId = element.action_id ?? '';
  const placeholder = el('option', '', element.placeholder?.text ?? words.selectPerson);
  placeholder.value = '';
  node.append(placeholder);
  for (const user of ctx.users.filter((u) => !u.isBot)) {
    const item = el('option', '', user.realName);
    item.value = user.id;
    if (element.initial_user === user.id) item.selected = true;
    node.append(item);
  }
  if (interactive) {
    node.addEventListener('change', () => {
      if (node.value) ctx.onAction({ kind: 'select', actionId: element.action_id, blockId, value: node.value });
    });
  }
  return node;
}

/**
 * @param {BlockElement} element
 * @param {string | undefined} blockId
 * @param {RenderContext} ctx
 */
function overflow(element, blockId, ctx) {
  const wrap = el('div', 'bk-overflow');
  const toggle = el('button', 'bk-button overflow-toggle', '⋯');
  toggle.type = 'button';
  toggle.setAttribute('aria-label', words.moreActions);
  const menu = el('ul', 'overflow-menu');
  menu.hidden = true;
  for (const option of element.options ?? []) {
    const item = el('li', '', option.text?.text ?? option.value);
    item.tabIndex = 0;
    item.addEventListener('click', async () => {
      menu.hidden = true;
      if (element.confirm && !(await ctx.confirm(element.confirm))) return;
      ctx.onAction({ kind: 'select', actionId: element.action_id, blockId, value: option.value });
    });
    menu.append(item);
  }
  toggle.addEventListener('click', () => (menu.hidden = !menu.hidden));
  wrap.append(toggle, menu);
  return wrap;
}

/**
 * @param {BlockElement} element
 * @param {string | undefined} blockId
 * @param {RenderContext} ctx
 * @param {boolean} interactive
 */
function datepicker(element, blockId, ctx, interactive) {
  const node = el('input', 'bk-input');
  node.type = 'date';
  node.value = element.initial_date ?? '';
  node.dataset.actionId = element.action_id ?? '';
  if (interactive) node.addEventListener('change', () => ctx.onAction({ kind: 'select', actionId: element.action_id, blockId, value: node.value }));
  return node;
}

/** @param {{ readonly image_url?: string; readonly alt_text?: string }} element */
function image(element) {
  const node = el('img', 'bk-image-element');
  node.src = element.image_url ?? '';
  node.alt = element.alt_text ?? '';
  node.loading = 'lazy';
  return node;
}

/**
 * An interactive element (actions block, section accessory).
 * @param {BlockElement} element
 * @param {string | undefined} blockId
 * @param {RenderContext} ctx
 * @returns {HTMLElement}
 */
function element(element, blockId, ctx) {
  switch (element.type) {
    case 'button': return button(element, blockId, ctx);
    case 'static_select': return staticSelect(element, blockId, ctx, true);
    case 'users_select': return usersSelect(element, blockId, ctx, true);
    case 'overflow': return overflow(element, blockId, ctx);
    case 'datepicker': return datepicker(element, blockId, ctx, true);
    case 'image': return image(element);
    default: return el('span', 'bk-unknown', `[${element.type}]`);
  }
}

/**
 * An input block's element, read back by `readInputs` on submit.
 * @param {Block} block
 * @param {RenderContext} ctx
 * @returns {HTMLElement}
 */
function inputElement(block, ctx) {
  /** @type {BlockElement} */
  const e = block.element ?? { type: 'unknown' };
  /** @type {HTMLElement} */
  let node;
  if (e.type === 'plain_text_input') {
    const field = e.multiline ? el('textarea', 'bk-input') : el('input', 'bk-input');
    if (field instanceof HTMLInputElement) field.type = 'text';
    field.placeholder = e.placeholder?.text ?? '';
    field.value = e.initial_value ?? '';
    if (e.max_length) field.maxLength = e.max_length;
    node = field;
  } else if (e.type === 'static_select') node = staticSelect(e, block.block_id, ctx, false);
  else if (e.type === 'users_select') node = usersSelect(e, block.block_id, ctx, false);
  else if (e.type === 'multi_users_select') {
    const select = usersSelect(e, block.block_id, ctx, false);
    select.multiple = true;
    select.firstChild?.remove();
    node = select;
  } else if (e.type === 'datepicker') node = datepicker(e, block.block_id, ctx, false);
  else if (e.type === 'checkboxes') node = checkboxes(e, block.block_id ?? '');
  else node = el('span', 'bk-unknown', `[${e.type}]`);
  node.dataset.blockId = block.block_id ?? '';
  node.dataset.actionId = e.action_id ?? '';
  node.dataset.input = 'true';
  node.id = `input-${block.block_id}`;
  return node;
}

/**
 * A checkbox group: one box per option, each an input readInputs collects into the group's list of values.
 * @param {BlockElement} element
 * @param {string} blockId
 * @returns {HTMLElement}
 */
function checkboxes(element, blockId) {
  const group = el('div', 'bk-checkboxes');
  for (const option of element.options ?? []) {
    const box = el('input');
    box.type = 'checkbox';
    box.value = option.value;
    box.checked = (element.initial_options ?? []).some((o) => o.value === option.value);
    box.dataset.blockId = blockId;
    box.dataset.actionId = element.action_id ?? '';
    box.dataset.input = 'true';
    group.append(el('label', 'bk-checkbox', [box, ` ${option.text?.text ?? option.value}`]));
  }
  return group;
}

/**
 * The values of a modal's inputs, as `{ blockId: { actionId: value } }`; a checkbox group as its ticked values.
 * @param {ParentNode} root
 * @returns {InputValues}
 */
export function readInputs(root) {
  /** @type {InputValues} */
  const values = {};
  for (const node of root.querySelectorAll('[data-input="true"]')) {
    if (!(node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement)) continue;
    const { blockId = '', actionId = '' } = node.dataset;
    if (node instanceof HTMLInputElement && node.type === 'checkbox') {
      const ticked = (values[blockId] ??= {})[actionId];
      const list = Array.isArray(ticked) ? ticked : [];
      (values[blockId] ??= {})[actionId] = node.checked ? [...list, node.value] : list;
      continue;
    }
    const value = node instanceof HTMLSelectElement && node.multiple ? [...node.selectedOptions].map((o) => o.value) : node.value;
    (values[blockId] ??= {})[actionId] = value;
  }
  return values;
}

/** @param {RichTextNode} block */
function richText(block) {
  /** @type {(node: RichTextNode) => string} */
  const collect = (node) => (node.text ?? '') + (node.elements ?? []).map(collect).join('') + (node.type?.endsWith('section') || node.type === 'rich_text_preformatted' ? '\n' : '');
  return el('div', 'bk-rich-text', collect(block).trimEnd());
}

/**
 * Renders blocks into a fragment.
 * @param {readonly Block[] | undefined} blocks
 * @param {RenderContext} ctx
 * @returns {DocumentFragment}
 */
export function renderBlocks(blocks, ctx) {
  const fragment = document.createDocumentFragment();
  for (const block of blocks ?? []) {
    const id = block.block_id;
    /** @type {HTMLElement} */
    let node;
    switch (block.type) {
      case 'header':
        node = textNode(block.text, ctx, 'h3', 'bk-header');
        break;
      case 'section': {
        node = el('div', 'bk-section');
        const body = el('div', 'bk-section-body');
        if (block.text) body.append(textNode(block.text, ctx, 'div', 'bk-text'));
        if (block.fields) body.append(el('div', 'bk-fields', block.fields.map((f) => textNode(f, ctx, 'div', 'bk-field'))));
        node.append(body);
        if (block.accessory) node.append(el('div', 'bk-accessory', element(block.accessory, id, ctx)));
        break;
      }
      case 'context':
        node = el('div', 'bk-context', (block.elements ?? []).map((e) => (e.type === 'image' ? image(e) : textNode(/** @type {TextObject} */ (e), ctx))));
        break;
      case 'divider':
        node = el('hr', 'bk-divider');
        break;
      case 'actions':
        node = el('div', 'bk-actions', (block.elements ?? []).map((e) => element(e, id, ctx)));
        break;
      case 'image': {
        node = el('figure', 'bk-image');
        const img = image(block);
        node.append(img);
        if (block.title) node.append(el('figcaption', '', block.title.text));
        break;
      }
      case 'input': {
        node = el('div', 'bk-input-block');
        const label = el('label', 'bk-label', block.label?.text ?? '');
        label.htmlFor = `input-${id}`;
        if (block.optional) label.append(el('span', 'optional', words.optional));
        node.append(label, inputElement(block, ctx));
        if (block.hint) node.append(el('div', 'bk-hint', block.hint.text));
        const error = id === undefined ? undefined : ctx.errors?.[id];
        if (error) node.append(el('div', 'bk-error', error));
        break;
      }
      case 'rich_text':
        // A rich_text block's elements are rich text nodes, not Block Kit elements.
        node = richText(/** @type {RichTextNode} */ (/** @type {unknown} */ (block)));
        break;
      default:
        node = el('pre', 'bk-unknown', JSON.stringify(block, null, 2));
    }
    if (id) node.dataset.blockId = id;
    fragment.append(node);
  }
  return fragment;
}
