// @ts-check
// The console: a Slack-like client for the emulator. Reads state from /console/api, listens to SSE, and
// sends every action to the bot through the emulator's signed Slack side.
import { emojify, readInputs, renderBlocks, textNode } from './blocks.js';
import { renderMrkdwn } from './mrkdwn.js';
import { wordPage, words } from './words.js';

/**
 * @typedef {import('./console-types').ActionResult} ActionResult
 * @typedef {import('./console-types').ChannelView} ChannelView
 * @typedef {import('./console-types').ConfirmDialog} ConfirmDialog
 * @typedef {import('./console-types').InputValues} InputValues
 * @typedef {import('./console-types').Lookup} Lookup
 * @typedef {import('./console-types').MessageView} MessageView
 * @typedef {import('./console-types').ModalView} ModalView
 * @typedef {import('./console-types').RenderContext} RenderContext
 * @typedef {import('./console-types').Workspace} Workspace
 */

/** The app's message shortcuts, as its manifest declares them (Slack lists them in every message's "…" menu). */
const MESSAGE_SHORTCUTS = [{ name: 'Declare incident', callbackId: 'declare_from_message' }];

/**
 * An element of index.html; a missing one is a bug in the page, not a state to handle.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {new () => T} [type]
 * @returns {T}
 */
const $ = (id, type) => {
  const node = document.getElementById(id);
  if (!node || !(node instanceof (type ?? HTMLElement))) throw new Error(`index.html has no #${id} of the expected kind`);
  return /** @type {T} */ (node);
};

/**
 * @type {{ workspace: Workspace; channels: ChannelView[]; channelId: string | null; home: boolean; userId: string; threadTs: string | null; view: ModalView | null }}
 */
const state = {
  workspace: { teamId: '', bot: { userId: '', botId: '', name: '' }, users: [], usergroups: [] },
  channels: [],
  channelId: null,
  home: false,
  userId: '',
  threadTs: null,
  view: null,
};

// The per-start token from the URL the sandbox printed: the API refuses calls without it.
const TOKEN = new URLSearchParams(location.search).get('token') ?? '';
const api = {
  /**
   * @param {string} path
   * @returns {Promise<unknown>}
   */
  get: async (path) => (await fetch(`/console/api/${path}`, { headers: { 'x-console-token': TOKEN } })).json(),
  /**
   * @param {string} path
   * @param {unknown} body
   * @returns {Promise<ActionResult>}
   */
  post: async (path, body) =>
    (await fetch(`/console/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-console-token': TOKEN }, body: JSON.stringify(body) })).json(),
};

/** @type {Map<string, number>} */
const reads = new Map();
/** What `latest` answers for a read that a later one overtook. */
const STALE = Symbol('stale');
/**
 * Reads what one pane shows, or STALE when a later read of that pane began meanwhile. Each change in Slack and
 * each click starts a read; on a busy machine an earlier one (the channel just left, a list from before a new
 * channel) can answer last, and must not paint over what the person turned to.
 * @param {string} pane
 * @param {string} path
 * @returns {Promise<unknown>}
 */
async function latest(pane, path) {
  const ticket = (reads.get(pane) ?? 0) + 1;
  reads.set(pane, ticket);
  const answer = await api.get(path);
  return reads.get(pane) === ticket ? answer : STALE;
}

/** Whose view the sidebar and the main pane (a channel or Home) were last drawn for. */
const drawnFor = { channels: '', main: '' };
/**
 * Marks the page as the acting person's once both panes were drawn for them (what a test or a person waits on
 * after switching). A switch's own read can be overtaken by a refresh still under way, which draws it later.
 * @param {'channels' | 'main'} pane
 * @param {string} userId whom the pane's read was for
 */
function drewFor(pane, userId) {
  drawnFor[pane] = userId;
  if (drawnFor.channels === state.userId && drawnFor.main === state.userId) document.body.dataset.user = state.userId;
}

/** @type {Map<string, Map<string, Element>>} */
const drawn = new Map();
/**
 * Shows `items` in `parent`, drawing only the ones that changed since the pane was last drawn: a node already in
 * place stays attached. Every change in Slack re-reads each pane, and a button redrawn between the press and the
 * release of a click gets the release only, so the click never happens (the browser tests' missed sidebar click).
 * @template T
 * @param {HTMLElement} parent
 * @param {T[]} items
 * @param {(item: T) => Element} draw
 * @param {(item: T) => string} [keyOf] what the drawing of an item depends on
 */
function drawList(parent, items, draw, keyOf = (item) => JSON.stringify(item)) {
  const before = drawn.get(parent.id) ?? new Map();
  /** @type {Map<string, Element>} */
  const now = new Map();
  const nodes = items.map((item) => {
    const key = keyOf(item);
    const node = now.get(key) ?? before.get(key) ?? draw(item);
    now.set(key, node);
    return node;
  });
  drawn.set(parent.id, now);
  nodes.forEach((node, i) => {
    if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] ?? null);
  });
  while (parent.children.length > nodes.length) parent.lastElementChild?.remove();
}

/** @type {Lookup} */
const lookup = {
  userName: (id) => state.workspace?.users.find((u) => u.id === id)?.name ?? null,
  channelName: (id) => state.channels.find((c) => c.id === id)?.name ?? null,
  groupHandle: (id) => state.workspace?.usergroups.find((g) => g.id === id)?.handle ?? null,
};

/**
 * @param {string} text
 * @param {'info' | 'error'} [kind]
 */
function status(text, kind = 'info') {
  const node = $('composer-status');
  node.textContent = text;
  node.dataset.kind = kind;
}

/**
 * Shows a bot answer that was not a plain 200 ack (signature refused, timeout, listener error).
 * @param {ActionResult} result
 */
function reportAnswer(result) {
  if (!result.ok) return status(result.error ?? 'failed', 'error');
  if (result.error) return status(result.error, 'error');
  const answer = result.answer;
  if (answer && answer.status !== 200 && answer.status !== 0) status(words.botAnswered(answer.status, answer.body.slice(0, 200)), 'error');
  else status('');
}

/**
 * @param {ConfirmDialog} confirm
 * @returns {Promise<boolean>}
 */
function confirmDialog(confirm) {
  return new Promise((resolve) => {
    const overlay = document.createElement('div');
    overlay.className = 'overlay';
    const box = document.createElement('div');
    box.className = 'dialog';
    box.setAttribute('role', 'alertdialog');
    const title = document.createElement('h2');
    title.textContent = confirm.title?.text ?? words.areYouSure;
    const body = textNode(confirm.text, { lookup }, 'div', 'dialog-body');
    const actions = document.createElement('div');
    actions.className = 'dialog-actions';
    const deny = document.createElement('button');
    deny.className = 'bk-button';
    deny.textContent = confirm.deny?.text ?? words.cancel;
    const ok = document.createElement('button');
    ok.className = `bk-button ${confirm.style === 'danger' ? 'danger' : 'primary'}`;
    ok.textContent = confirm.confirm?.text ?? words.yes;
    /** @param {boolean} value */
    const done = (value) => {
      overlay.remove();
      resolve(value);
    };
    deny.addEventListener('click', () => done(false));
    ok.addEventListener('click', () => done(true));
    actions.append(deny, ok);
    box.append(title, body, actions);
    overlay.append(box);
    document.body.append(overlay);
    ok.focus();
  });
}

/**
 * @param {{ readonly ts: string }} message
 * @returns {RenderContext}
 */
function ctxFor(message) {
  return {
    lookup,
    users: state.workspace.users,
    confirm: confirmDialog,
    onAction: async (action) => {
      const result = await api.post(action.kind, {
        userId: state.userId,
        channelId: state.channelId,
        messageTs: message.ts,
        actionId: action.actionId,
        blockId: action.blockId,
        value: action.value,
      });
      reportAnswer(result);
    },
  };
}

/** @param {string} name */
const initials = (name) => name.split(/[\s.]+/).filter(Boolean).slice(0, 2).map((p) => (p[0] ?? '').toUpperCase()).join('');
/** @param {string} id */
const hue = (id) => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
/** @param {string} ts */
const timeOf = (ts) => new Date(Number(ts) * 1000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * @param {MessageView} message
 * @param {{ inThread?: boolean }} [options]
 * @returns {HTMLElement}
 */
function renderMessage(message, { inThread = false } = {}) {
  const user = state.workspace.users.find((u) => u.id === message.user);
  const name = message.bot ? state.workspace.bot.name : user?.realName ?? message.user;
  const row = document.createElement('article');
  row.className = `message ${message.kind === 'ephemeral' ? 'ephemeral' : ''}`;
  row.dataset.ts = message.ts;
  const avatar = document.createElement('div');
  avatar.className = `avatar ${message.bot ? 'bot' : ''}`;
  avatar.textContent = message.bot ? 'K' : initials(user?.realName ?? message.user);
  if (!message.bot) avatar.style.background = `hsl(${hue(message.user)} 45% 42%)`;
  const main = document.createElement('div');
  main.className = 'message-main';
  const meta = document.createElement('div');
  meta.className = 'message-meta';
  meta.innerHTML = `<span class="author"></span>${message.bot ? '<span class="app-badge">APP</span>' : ''}<time></time>${message.edited ? '<span class="edited">(edited)</span>' : ''}`;
  const author = meta.querySelector('.author');
  if (author) author.textContent = name;
  const time = meta.querySelector('time');
  if (time) time.textContent = timeOf(message.ts);
  main.append(meta);
  if (message.kind === 'ephemeral') {
    const note = document.createElement('div');
    note.className = 'ephemeral-note';
    note.textContent = words.onlyYou;
    main.append(note);
  }
  const body = document.createElement('div');
  body.className = 'message-body';
  if (message.blocks?.length) body.append(renderBlocks(message.blocks, ctxFor(message)));
  else body.innerHTML = renderMrkdwn(message.text, lookup);
  main.append(body);
  for (const file of message.files ?? []) {
    const link = document.createElement('a');
    link.className = 'file';
    link.href = file.url;
    link.setAttribute('download', file.name);
    link.innerHTML = '<span class="file-icon">📄</span><span class="file-name"></span><span class="file-size"></span>';
    const fileName = link.querySelector('.file-name');
    if (fileName) fileName.textContent = file.title || file.name;
    const fileSize = link.querySelector('.file-size');
    if (fileSize) fileSize.textContent = `${file.name} · ${(file.size / 1024).toFixed(1)} KB`;
    main.append(link);
  }
  if (message.reactions?.length) {
    const bar = document.createElement('div');
    bar.className = 'reactions';
    for (const r of message.reactions) {
      const chip = document.createElement('span');
      chip.className = `reaction ${r.users.includes(state.userId) ? 'mine' : ''}`;
      chip.textContent = `${emojify(r.name)} ${r.users.length}`;
      chip.title = r.users.map((id) => lookup.userName(id) ?? id).join(', ');
      bar.append(chip);
    }
    main.append(bar);
  }
  const replyCount = message.replyCount ?? 0;
  if (!inThread && replyCount > 0) {
    const replies = document.createElement('button');
    replies.className = 'reply-count';
    replies.textContent = words.replies(replyCount);
    replies.addEventListener('click', () => openThread(message.ts));
    main.append(replies);
  }
  if (message.kind === 'message') {
    const tools = document.createElement('div');
    tools.className = 'message-tools';
    const pin = document.createElement('button');
    pin.title = words.pin;
    pin.textContent = '📌';
    pin.addEventListener('click', async () => reportAnswer(await api.post('reaction', { userId: state.userId, channelId: state.channelId, ts: message.ts, name: 'pushpin' })));
    tools.append(pin);
    const more = document.createElement('button');
    more.title = words.moreActions;
    more.textContent = '⋯';
    more.className = 'more-actions';
    more.addEventListener('click', () => toggleMoreMenu(row, message));
    tools.append(more);
    if (!inThread) {
      const reply = document.createElement('button');
      reply.title = words.replyInThread;
      reply.textContent = '💬';
      reply.addEventListener('click', () => openThread(message.ts));
      tools.append(reply);
    }
    row.append(tools);
  }
  row.prepend(avatar);
  row.append(main);
  return row;
}

/**
 * A message's "…" menu: the app's message shortcuts, as Slack shows them.
 * @param {HTMLElement} row
 * @param {MessageView} message
 */
function toggleMoreMenu(row, message) {
  const open = row.querySelector('.more-menu');
  if (open) return open.remove();
  const menu = document.createElement('div');
  menu.className = 'more-menu';
  menu.setAttribute('role', 'menu');
  for (const shortcut of MESSAGE_SHORTCUTS) {
    const item = document.createElement('button');
    item.setAttribute('role', 'menuitem');
    item.textContent = shortcut.name;
    item.addEventListener('click', async () => {
      menu.remove();
      reportAnswer(await api.post('shortcut', { userId: state.userId, channelId: state.channelId, messageTs: message.ts, callbackId: shortcut.callbackId }));
    });
    menu.append(item);
  }
  row.append(menu);
}

/** The Home tab as the app last published it for the person acting; empty until the app draws it. */
async function refreshHome() {
  const box = $('home');
  const userId = state.userId;
  const answer = await latest('home', `home?user=${userId}`);
  if (answer === STALE) return;
  const home = /** @type {{ id: string; view: ModalView['view'] } | null} */ (answer);
  if (!home) {
    box.innerHTML = '<div class="empty">Waiting for klaxon to draw its Home tab…</div>';
    return drewFor('main', userId);
  }
  drawList(box, [home.view.blocks], (blocks) => {
    const view = document.createElement('div');
    view.append(
      renderBlocks(blocks, {
        ...ctxFor({ ts: '' }),
        onAction: async (action) =>
          reportAnswer(await api.post('home-click', { userId: state.userId, actionId: action.actionId, blockId: action.blockId, value: action.value })),
      }),
    );
    return view;
  });
  drewFor('main', userId);
}

/** Opens the Home tab: Slack tells the app (app_home_opened), which publishes it. */
async function openHome() {
  state.home = true;
  state.threadTs = null;
  location.hash = 'home';
  await refreshAll();
  reportAnswer(await api.post('home', { userId: state.userId }));
}

function renderChannels() {
  // Only what a link shows: a topic or a member changing during setup must not redraw the link being clicked.
  const links = state.channels.map(({ id, name, isPrivate, isArchived }) => ({ id, name, isPrivate, isArchived, active: id === state.channelId && !state.home }));
  drawList($('channels'), links, (channel) => {
    const item = document.createElement('li');
    const link = document.createElement('button');
    link.className = `channel-link ${channel.active ? 'active' : ''} ${channel.isArchived ? 'archived' : ''}`;
    link.textContent = `${channel.isPrivate ? '🔒' : '#'} ${channel.name}`;
    link.dataset.channel = channel.name;
    link.addEventListener('click', () => selectChannel(channel.id));
    item.append(link);
    return item;
  });
  $('home-link').classList.toggle('active', state.home);
  for (const id of ['messages', 'composer', 'bookmarks', 'channel-topic', 'channel-meta']) $(id).hidden = state.home;
  $('home').hidden = !state.home;
  if (state.home) {
    $('channel-name').textContent = words.home;
    return;
  }
  const channel = state.channels.find((c) => c.id === state.channelId);
  $('channel-name').textContent = channel ? `# ${channel.name}${channel.isArchived ? words.archived : ''}` : '';
  $('channel-topic').innerHTML = channel?.topic ? renderMrkdwn(channel.topic, lookup) : '<span class="muted">No topic</span>';
  $('channel-meta').textContent = channel ? words.members(channel.members.length) : '';
  const bookmarks = $('bookmarks');
  bookmarks.replaceChildren();
  for (const b of channel?.bookmarks ?? []) {
    const a = document.createElement('a');
    a.href = b.link ?? '#';
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = `🔖 ${b.title}`;
    bookmarks.append(a);
  }
  bookmarks.hidden = bookmarks.childElementCount === 0;
}

/**
 * A message is drawn for the person acting: their own reactions are marked.
 * @param {MessageView} message
 */
const seenBy = (message) => JSON.stringify([state.userId, message]);

async function refreshMessages() {
  const userId = state.userId;
  if (!state.channelId) return drewFor('main', userId);
  const box = $('messages');
  const answer = await latest('messages', `channels/${state.channelId}/messages?user=${userId}`);
  if (answer === STALE) return;
  const messages = /** @type {MessageView[]} */ (answer);
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  drawList(box, messages, (m) => renderMessage(m), seenBy);
  if (messages.length === 0) box.innerHTML = '<div class="empty">No messages yet. Try <code>/incident declare critical Backtest workers down</code>.</div>';
  if (atBottom) box.scrollTop = box.scrollHeight;
  drewFor('main', userId);
}

async function refreshThread() {
  const pane = $('thread');
  if (!state.threadTs) {
    pane.hidden = true;
    return;
  }
  pane.hidden = false;
  const answer = await latest('thread', `channels/${state.channelId}/thread/${state.threadTs}?user=${state.userId}`);
  if (answer === STALE) return;
  const messages = /** @type {MessageView[]} */ (answer);
  drawList($('thread-messages'), messages, (m) => renderMessage(m, { inThread: true }), seenBy);
}

/**
 * Puts typed values back after a re-render of the same view (e.g. when the bot answered with errors).
 * @param {ParentNode} root
 * @param {InputValues} values
 */
function restoreInputs(root, values) {
  for (const node of root.querySelectorAll('[data-input="true"]')) {
    if (!(node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement)) continue;
    const value = values[node.dataset.blockId ?? '']?.[node.dataset.actionId ?? ''];
    if (value === undefined) continue;
    if (node instanceof HTMLInputElement && node.type === 'checkbox') node.checked = value.includes(node.value);
    else if (node instanceof HTMLSelectElement && node.multiple) for (const option of node.options) option.selected = value.includes(option.value);
    else node.value = Array.isArray(value) ? (value[0] ?? '') : value;
  }
}

function renderModal() {
  const root = $('modal-root');
  const previous = root.querySelector('.modal');
  const typed = previous instanceof HTMLElement && previous.dataset.viewId === state.view?.id ? readInputs(previous) : null;
  root.replaceChildren();
  const current = state.view;
  if (!current) return;
  const view = current.view;
  const overlay = document.createElement('div');
  overlay.className = 'overlay';
  const modal = document.createElement('form');
  modal.className = 'modal';
  modal.setAttribute('role', 'dialog');
  modal.setAttribute('aria-label', view.title?.text ?? words.modal);
  const header = document.createElement('header');
  header.className = 'modal-header';
  const title = document.createElement('h2');
  title.textContent = view.title?.text ?? '';
  const x = document.createElement('button');
  x.type = 'button';
  x.className = 'icon-button';
  x.textContent = '✕';
  x.setAttribute('aria-label', words.close);
  header.append(title, x);
  const body = document.createElement('div');
  body.className = 'modal-body';
  body.append(renderBlocks(view.blocks, { ...ctxFor({ ts: '' }), errors: current.errors }));
  const footer = document.createElement('footer');
  footer.className = 'modal-footer';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'bk-button';
  cancel.textContent = view.close?.text ?? words.cancel;
  footer.append(cancel);
  if (view.submit) {
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.className = 'bk-button primary';
    submit.textContent = view.submit.text;
    footer.append(submit);
  }
  const close = async () => reportAnswer(await api.post('close', { userId: state.userId, viewId: current.id }));
  x.addEventListener('click', close);
  cancel.addEventListener('click', close);
  modal.addEventListener('submit', async (event) => {
    event.preventDefault();
    reportAnswer(await api.post('submit', { userId: state.userId, viewId: current.id, values: readInputs(body) }));
  });
  modal.dataset.viewId = current.id;
  modal.append(header, body, footer);
  if (typed) restoreInputs(body, typed);
  overlay.append(modal);
  root.append(overlay);
}

async function refreshView() {
  const next = /** @type {ModalView | null} */ (await api.get(`views?user=${state.userId}`));
  const same = JSON.stringify(next) === JSON.stringify(state.view);
  state.view = next;
  if (!same) renderModal();
}

async function refreshChannels() {
  const userId = state.userId;
  const answer = await latest('channels', `channels?user=${userId}`);
  if (answer === STALE) return;
  state.channels = /** @type {ChannelView[]} */ (answer);
  if (!state.channels.some((c) => c.id === state.channelId)) state.channelId = state.channels[0]?.id ?? null;
  renderChannels();
  drewFor('channels', userId);
}

async function refreshAll() {
  await refreshChannels();
  await Promise.all([state.home ? refreshHome() : refreshMessages(), refreshThread(), refreshView()]);
}

/** @param {string} id */
async function selectChannel(id) {
  state.home = false;
  state.channelId = id;
  state.threadTs = null;
  location.hash = state.channels.find((c) => c.id === id)?.name ?? '';
  await refreshAll();
}

/** @param {string} ts */
async function openThread(ts) {
  state.threadTs = ts;
  await refreshThread();
}

function renderHints() {
  const input = $('composer-input', HTMLTextAreaElement);
  const hints = $('hints');
  const value = input.value;
  const match = /^\/(\S*)(?:\s+(\S*))?$/.exec(value);
  if (!match || !'incident'.startsWith(match[1] ?? '') || (match[2] !== undefined && match[1] !== 'incident')) {
    hints.hidden = true;
    return;
  }
  const typed = match[2] ?? '';
  const shown = words.subcommands.filter(([usage]) => usage?.startsWith(typed));
  hints.replaceChildren(
    ...shown.map(([usage, description]) => {
      const item = document.createElement('li');
      item.innerHTML = '<code></code><span></span>';
      const code = item.querySelector('code');
      if (code) code.textContent = `/incident ${usage}`;
      const span = item.querySelector('span');
      if (span) span.textContent = description ?? '';
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        input.value = `/incident ${usage?.split(' ')[0] ?? ''} `;
        input.focus();
        renderHints();
      });
      return item;
    }),
  );
  hints.hidden = shown.length === 0;
}

/**
 * @param {HTMLTextAreaElement} input
 * @param {string | undefined} threadTs
 */
async function send(input, threadTs) {
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  $('hints').hidden = true;
  status(text.startsWith('/') ? words.sent(text.split(' ').slice(0, 2).join(' ')) : '');
  const result = await api.post('command', { userId: state.userId, channelId: state.channelId, text, threadTs });
  reportAnswer(result);
}

/**
 * @param {HTMLFormElement} form
 * @param {HTMLTextAreaElement} input
 * @param {() => string | undefined} threadTs
 */
function bindComposer(form, input, threadTs) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(input, threadTs());
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void send(input, threadTs());
    }
  });
}

function renderUsers() {
  const select = $('user-select', HTMLSelectElement);
  select.replaceChildren(
    ...state.workspace.users.filter((u) => !u.isBot).map((u) => {
      const option = document.createElement('option');
      option.value = u.id;
      option.textContent = u.realName;
      return option;
    }),
  );
  select.value = state.userId;
  $('user-role').textContent = words.roles[state.userId] ?? state.workspace.users.find((u) => u.id === state.userId)?.title ?? '';
}

async function start() {
  wordPage();
  const workspace = /** @type {Workspace | { ok: false }} */ (await api.get('workspace'));
  if ('ok' in workspace && workspace.ok === false) return status(words.needsToken, 'error');
  state.workspace = /** @type {Workspace} */ (workspace);
  const people = state.workspace.users.filter((u) => !u.isBot);
  state.userId = people.find((u) => u.id === localStorage.getItem('klaxon.user'))?.id ?? people[0]?.id ?? '';
  renderUsers();
  $('user-select', HTMLSelectElement).addEventListener('change', async (event) => {
    if (!(event.target instanceof HTMLSelectElement)) return;
    state.userId = event.target.value;
    localStorage.setItem('klaxon.user', state.userId);
    renderUsers();
    await refreshAll();
    if (state.home) reportAnswer(await api.post('home', { userId: state.userId }));
  });
  await refreshChannels();
  const fromHash = state.channels.find((c) => c.name === decodeURIComponent(location.hash.slice(1)));
  if (fromHash) state.channelId = fromHash.id;
  $('home-link').addEventListener('click', () => void openHome());
  await refreshAll();
  bindComposer($('composer', HTMLFormElement), $('composer-input', HTMLTextAreaElement), () => undefined);
  bindComposer($('thread-composer', HTMLFormElement), $('thread-input', HTMLTextAreaElement), () => state.threadTs ?? undefined);
  $('composer-input').addEventListener('input', renderHints);
  $('composer-input').addEventListener('blur', () => ($('hints').hidden = true));
  $('thread-close').addEventListener('click', () => {
    state.threadTs = null;
    void refreshThread();
  });
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let pending;
  const events = new EventSource(`/console/api/events?token=${encodeURIComponent(TOKEN)}`);
  events.addEventListener('message', () => {
    clearTimeout(pending);
    pending = setTimeout(() => void refreshAll(), 60);
  });
  document.body.dataset.ready = 'true';
}

void start();
