// The Slack side of the conversation: builds the payloads Slack sends to an app (slash commands,
// block_actions, view_submission, view_closed, Events API envelopes), signs them and posts them to the bot.
import { Agent, request } from 'node:http';
import { TIMEOUT, within } from '../../app/within.js';
import { escapeCommandText } from './command-text.js';
import type { EmulatorState } from './emulator-state.js';
import type { BotAnswer, Ephemeral, Message, View } from './emulator-types.js';
import { addReaction } from './methods/pins-and-reactions.js';
import { slackSignatureHeaders } from './slack-signature.js';
import { openStack } from './methods/views.js';
import type { SocketModeServer } from './socket-mode.js';

export interface SlackSideDeps {
  readonly state: EmulatorState;
  readonly signingSecret: string;
  readonly botUrl: () => string | undefined;
  readonly baseUrl: () => string;
  /** Once a Socket Mode client has connected, commands, interactions and events go only over its socket. */
  readonly socket?: SocketModeServer;
  /** When an event the app did not take is sent again (default: Slack's, SLACK_EVENT_RETRY_DELAYS_MS). */
  readonly eventRetryDelaysMs?: readonly number[];
  /** How long Slack waits for the app's answer (Slack's: SLACK_ANSWER_MS). */
  readonly answerDeadlineMs: number;
}

/**
 * Slack's Events API sends an event again when the app's answer is not a success, its server cannot be reached,
 * or it has not answered within 3 s (then without waiting for that answer): at once, a minute later and five
 * minutes later, each with `X-Slack-Retry-Num` and `X-Slack-Retry-Reason`, the same event_id and a new signature.
 * Over Socket Mode the same, for an envelope not acknowledged: a new envelope with `retry_attempt` and
 * `retry_reason`.
 */
export const SLACK_EVENT_RETRY_DELAYS_MS: readonly number[] = [0, 60_000, 300_000];
/**
 * How long Slack waits for the app's answer to anything it sends, over HTTP or as a Socket Mode ack. A command
 * or an interaction not answered by then has failed for the person (a late answer is thrown away: no ack body
 * shown, no `response_action` applied); an event is sent again.
 */
export const SLACK_ANSWER_MS = 3_000;
/**
 * What Slack shows a person whose command failed: no answer in time (over Socket Mode an envelope not acked), no
 * way to reach the app (its Request URL refused the connection; over Socket Mode, no connection to send it on),
 * or an HTTP 4xx answer (`http_client_error`, as Slack shows for an app's 404).
 */
function commandFailure(command: string, answer: BotAnswer): string | undefined {
  if (answer.status >= 400 && answer.status < 500) return `${command} failed with the error "http_client_error"`;
  if (answer.status !== 0) return undefined;
  const error = answer.body === 'no_ack' ? 'operation_timeout' : answer.body;
  return error === 'operation_timeout' || error === 'dispatch_failed' ? `${command} failed with the error "${error}"` : undefined;
}

/** One delivery of an event to the app (over HTTP or the socket): what a test reads to see Slack's retries. */
export interface EventDelivery {
  readonly eventId: string;
  readonly retryNum: number;
  readonly retryReason?: string;
  /** The app's answer; 0 when it could not be reached or, over Socket Mode, did not acknowledge. */
  readonly status: number;
}

type Obj = Record<string, unknown>;
const asObj = (value: unknown): Obj => (typeof value === 'object' && value !== null ? (value as Obj) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export interface ClickInput {
  readonly userId: string;
  readonly channelId: string;
  readonly messageTs: string;
  readonly actionId: string;
  readonly blockId?: string;
  readonly value?: string;
}

/** The element a click targets, searched in actions elements and section accessories. */
function findElement(blocks: readonly unknown[], actionId: string, blockId: string | undefined): { block: Obj; element: Obj } | undefined {
  for (const raw of blocks) {
    const block = asObj(raw);
    if (blockId !== undefined && block['block_id'] !== blockId) continue;
    const candidates = [...asArray(block['elements']), block['accessory'], block['element']].map(asObj);
    const element = candidates.find((e) => e['action_id'] === actionId);
    if (element) return { block, element };
  }
  return undefined;
}

function optionsOf(element: Obj): Obj[] {
  const direct = asArray(element['options']).map(asObj);
  const grouped = asArray(element['option_groups']).flatMap((g) => asArray(asObj(g)['options']).map(asObj));
  return [...direct, ...grouped];
}

// Slack's requests come from Slack's machines; here they share a process (and the cores) with the bot, so they
// go out through node:http on kept-alive connections: fetch costs about 1 ms more CPU per request, which the
// bot's own work would wait behind.
const keepAlive = new Agent({ keepAlive: true });
/** Network errors that mean the app's Request URL could not be reached, as opposed to a mistake in the emulator. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE']);

function post(url: string, headers: Record<string, string>, body: string): Promise<{ readonly status: number; readonly text: string }> {
  if (!url.startsWith('http:')) return fetch(url, { method: 'POST', headers, body }).then(async (response) => ({ status: response.status, text: await response.text() }));
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: keepAlive, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export class SlackSide {
  /** Events delivered, retries included, in the order their answers came. */
  readonly eventDeliveries: EventDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: SlackSideDeps) {}

  /** Slack's pending retries end with the emulator. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  private get state(): EmulatorState {
    return this.deps.state;
  }

  /** Posts a body to the bot, signed with the given (or the real) secret and timestamp. */
  async signedRequest(
    body: string,
    contentType: string,
    options: {
      readonly timestamp?: number;
      readonly secret?: string;
      readonly headers?: Record<string, string>;
      /** Give up on an answer this late, as Slack does: the answer is then `operation_timeout` (status 0). */
      readonly deadlineMs?: number;
    } = {},
  ): Promise<BotAnswer> {
    const url = this.deps.botUrl();
    if (url === undefined) throw new Error('the emulator has no bot URL yet: call setBotUrl first');
    const timestamp = options.timestamp ?? Math.floor(this.state.now() / 1000);
    const started = performance.now();
    const headers = { 'content-type': contentType, ...slackSignatureHeaders(options.secret ?? this.deps.signingSecret, body, timestamp), ...options.headers };
    const sentAt = performance.timeOrigin + performance.now();
    const sent = post(url, headers, body);
    const response = options.deadlineMs === undefined ? await sent : await within(sent, options.deadlineMs);
    if (response === TIMEOUT) return { status: 0, body: 'operation_timeout', ms: Math.round(performance.now() - started), sentAt };
    const { text } = response;
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, body: text, ...(json !== undefined ? { json } : {}), ms: Math.round(performance.now() - started), sentAt };
  }

  private postForm(fields: Record<string, string>): Promise<BotAnswer> {
    if (this.deps.socket?.inUse) return this.deps.socket.deliver('slash_commands', fields);
    const started = performance.now();
    return this.signedRequest(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', { deadlineMs: this.deps.answerDeadlineMs }).catch((error: unknown) => {
      // Slack could not reach the Request URL at all (refused, reset, no such host): the request failed to dispatch.
      const failed = error as (NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException }) | undefined;
      if (!UNREACHABLE.has(String(failed?.code ?? failed?.cause?.code))) throw error;
      return { status: 0, body: 'dispatch_failed', ms: Math.round(performance.now() - started) };
    });
  }

  private postPayload(payload: Obj): Promise<BotAnswer> {
    if (this.deps.socket?.inUse) return this.deps.socket.deliver('interactive', payload);
    return this.postForm({ payload: JSON.stringify(payload) });
  }

  private userObj(userId: string): Obj {
    const user = this.state.user(userId);
    return { id: userId, username: user?.name ?? userId, name: user?.name ?? userId, team_id: this.state.teamId };
  }

  private common(): Obj {
    return { token: 'emulated-verification-token', api_app_id: 'A0KLAXON', team: { id: this.state.teamId, domain: 'klaxon-sandbox' }, is_enterprise_install: false };
  }

  async slashCommand(input: { userId: string; channelId: string; text: string; command?: string }): Promise<BotAnswer> {
    const channel = this.state.channel(input.channelId);
    const responseUrl = this.state.mintResponseUrl(this.deps.baseUrl(), { channel: input.channelId, user: input.userId });
    const command = input.command ?? '/incident';
    const answer = await this.postForm({
      token: 'emulated-verification-token',
      team_id: this.state.teamId,
      team_domain: 'klaxon-sandbox',
      channel_id: input.channelId,
      channel_name: channel?.name ?? 'unknown',
      user_id: input.userId,
      user_name: this.state.user(input.userId)?.name ?? input.userId,
      command,
      text: escapeCommandText(input.text, this.state),
      api_app_id: 'A0KLAXON',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: this.state.mintTrigger(input.userId),
    });
    const failure = commandFailure(command, answer);
    if (failure !== undefined) this.state.addEphemeral({ channel: input.channelId, user: input.userId, text: failure, via: 'slack' });
    else this.showAckBody(answer, input.channelId, input.userId);
    return answer;
  }

  /** Slack shows a slash command's ack body to the user (or to the channel for `in_channel`). */
  private showAckBody(answer: BotAnswer, channel: string, user: string): void {
    if (answer.status !== 200 || answer.body.trim() === '') return;
    const body = answer.json !== undefined ? asObj(answer.json) : { text: answer.body };
    const text = typeof body['text'] === 'string' ? body['text'] : '';
    const blocks = Array.isArray(body['blocks']) ? body['blocks'] : undefined;
    if (text === '' && blocks === undefined) return;
    if (body['response_type'] === 'in_channel') {
      this.state.addMessage({ channel, user: this.state.bot.userId, botId: this.state.bot.botId, text, ...(blocks ? { blocks } : {}) });
    } else {
      this.state.addEphemeral({ channel, user, text, via: 'bot_answer', ...(blocks ? { blocks } : {}) });
    }
  }

  private source(channelId: string, messageTs: string, userId: string): { message: Message | Ephemeral; ephemeral: boolean } {
    const message = this.state.message(channelId, messageTs);
    if (message) return { message, ephemeral: false };
    const ephemeral = this.state.ephemerals.find((e) => e.channel === channelId && e.ts === messageTs && e.user === userId && !e.deleted);
    if (ephemeral) return { message: ephemeral, ephemeral: true };
    throw new Error(`no message ${messageTs} in channel ${channelId} visible to ${userId}`);
  }

  private async blockAction(input: ClickInput, action: (element: Obj) => Obj): Promise<BotAnswer> {
    const { message, ephemeral } = this.source(input.channelId, input.messageTs, input.userId);
    const found = findElement(message.blocks ?? [], input.actionId, input.blockId);
    const element = found?.element ?? {};
    const blockId = input.blockId ?? (typeof found?.block['block_id'] === 'string' ? found.block['block_id'] : 'unknown');
    const channel = this.state.channel(input.channelId);
    return this.postPayload({
      type: 'block_actions',
      ...this.common(),
      user: this.userObj(input.userId),
      container: { type: 'message', message_ts: input.messageTs, channel_id: input.channelId, is_ephemeral: ephemeral },
      trigger_id: this.state.mintTrigger(input.userId),
      channel: { id: input.channelId, name: channel?.name ?? 'unknown' },
      ...(ephemeral ? {} : { message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks ?? [], user: (message as Message).user } }),
      state: { values: {} },
      response_url: this.state.mintResponseUrl(this.deps.baseUrl(), {
        channel: input.channelId,
        user: input.userId,
        messageTs: input.messageTs,
        ephemeral,
      }),
      actions: [{ action_id: input.actionId, block_id: blockId, action_ts: String(this.state.now() / 1000), ...action(element) }],
    });
  }

  clickButton(input: ClickInput): Promise<BotAnswer> {
    return this.blockAction(input, (element) => ({
      type: 'button',
      text: element['text'] ?? { type: 'plain_text', text: input.actionId },
      ...((input.value ?? element['value']) !== undefined ? { value: input.value ?? element['value'] } : {}),
    }));
  }

  selectOption(input: ClickInput & { readonly value: string }): Promise<BotAnswer> {
    return this.blockAction(input, (element) => {
      const type = typeof element['type'] === 'string' ? element['type'] : 'static_select';
      if (type === 'users_select') return { type, selected_user: input.value };
      if (type === 'datepicker') return { type, selected_date: input.value };
      const option = optionsOf(element).find((o) => o['value'] === input.value) ?? { text: { type: 'plain_text', text: input.value }, value: input.value };
      return { type, selected_option: option };
    });
  }

  /**
   * A message shortcut from a message's "…" menu, shaped as Slack sends `message_action`: the whole message, its
   * channel, a trigger id for a modal and a response_url; only for a message the person can see.
   */
  async messageShortcut(input: { userId: string; channelId: string; messageTs: string; callbackId: string }): Promise<BotAnswer> {
    const channel = this.state.channel(input.channelId);
    if (!channel || (channel.isPrivate && !channel.members.includes(input.userId))) throw new Error(`${input.userId} cannot see channel ${input.channelId}`);
    const message = this.state.message(input.channelId, input.messageTs);
    if (!message) throw new Error(`no message ${input.messageTs} in channel ${input.channelId}`);
    return this.postPayload({
      type: 'message_action',
      ...this.common(),
      action_ts: String(this.state.now() / 1000),
      user: this.userObj(input.userId),
      channel: { id: channel.id, name: channel.name },
      callback_id: input.callbackId,
      trigger_id: this.state.mintTrigger(input.userId),
      response_url: this.state.mintResponseUrl(this.deps.baseUrl(), { channel: channel.id, user: input.userId }),
      message_ts: message.ts,
      message: {
        type: 'message',
        ts: message.ts,
        text: message.text,
        ...(message.botId === undefined ? { user: message.user } : { user: message.user, bot_id: message.botId }),
        ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
        ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
      },
    });
  }

  /** A person opens the app's Home tab: Slack sends `app_home_opened` with the tab last published for them. */
  openAppHome(input: { userId: string }): Promise<BotAnswer> {
    const home = this.state.homes.find((v) => v.userId === input.userId);
    return this.sendEvent({
      type: 'app_home_opened',
      user: input.userId,
      // The app's direct-message channel with this person.
      channel: `D${input.userId.slice(1)}`,
      tab: 'home',
      event_ts: String(this.state.now() / 1000),
      ...(home === undefined ? {} : { view: { ...home.view, id: home.id, hash: home.hash, team_id: this.state.teamId } }),
    });
  }

  /** A click on a button of a person's Home tab: block_actions from a `view` container, as Slack sends it. */
  clickHomeButton(input: { userId: string; actionId: string; blockId?: string; value?: string }): Promise<BotAnswer> {
    const home = this.state.homes.find((v) => v.userId === input.userId);
    if (!home) throw new Error(`${input.userId} has no Home tab`);
    const found = findElement(asArray(home.view['blocks']), input.actionId, input.blockId);
    const element = found?.element ?? {};
    const blockId = input.blockId ?? (typeof found?.block['block_id'] === 'string' ? found.block['block_id'] : 'unknown');
    const value = input.value ?? element['value'];
    return this.postPayload({
      type: 'block_actions',
      ...this.common(),
      user: this.userObj(input.userId),
      container: { type: 'view', view_id: home.id },
      trigger_id: this.state.mintTrigger(input.userId),
      view: this.viewPayload(home, {}),
      actions: [
        { type: 'button', action_id: input.actionId, block_id: blockId, text: element['text'] ?? { type: 'plain_text', text: input.actionId }, ...(value !== undefined ? { value } : {}), action_ts: String(this.state.now() / 1000) },
      ],
    });
  }

  private viewOrThrow(viewId: string): View {
    const view = this.state.views.find((v) => v.id === viewId);
    if (!view) throw new Error(`no view ${viewId}`);
    return view;
  }

  private viewPayload(view: View, values: Obj): Obj {
    return { ...view.view, id: view.id, team_id: this.state.teamId, hash: view.hash, root_view_id: view.rootViewId, previous_view_id: view.previousViewId ?? null, state: { values } };
  }

  /** Typed view state from plain values, shaped by each input block's element type. */
  private stateValues(view: View, values: Record<string, Record<string, string | string[]>>): Obj {
    const out: Obj = {};
    for (const [blockId, actions] of Object.entries(values)) {
      const block = asArray(view.view['blocks']).map(asObj).find((b) => b['block_id'] === blockId);
      const element = asObj(block?.['element']);
      const entries: Obj = {};
      for (const [actionId, value] of Object.entries(actions)) {
        const type = typeof element['type'] === 'string' ? element['type'] : 'plain_text_input';
        const single = Array.isArray(value) ? (value[0] ?? '') : value;
        if (type === 'static_select') {
          const option = optionsOf(element).find((o) => o['value'] === single);
          entries[actionId] = { type, selected_option: option ?? (single === '' ? null : { text: { type: 'plain_text', text: single }, value: single }) };
        } else if (type === 'users_select') entries[actionId] = { type, selected_user: single === '' ? null : single };
        else if (type === 'multi_users_select') entries[actionId] = { type, selected_users: Array.isArray(value) ? value : [value] };
        else if (type === 'datepicker') entries[actionId] = { type, selected_date: single === '' ? null : single };
        else if (type === 'checkboxes') {
          const ticked = new Set(Array.isArray(value) ? value : value === '' ? [] : [value]);
          entries[actionId] = { type, selected_options: optionsOf(element).filter((o) => ticked.has(String(o['value']))) };
        }
        else entries[actionId] = { type, value: single === '' ? null : single };
      }
      out[blockId] = entries;
    }
    return out;
  }

  async submitView(input: { userId: string; viewId: string; values: Record<string, Record<string, string | string[]>> }): Promise<BotAnswer> {
    const view = this.viewOrThrow(input.viewId);
    const answer = await this.postPayload({
      type: 'view_submission',
      ...this.common(),
      user: this.userObj(input.userId),
      trigger_id: this.state.mintTrigger(input.userId),
      view: this.viewPayload(view, this.stateValues(view, input.values)),
      response_urls: [],
    });
    if (answer.status === 200) this.applySubmissionAnswer(view, answer);
    return answer;
  }

  private applySubmissionAnswer(view: View, answer: BotAnswer): void {
    const body = asObj(answer.json);
    const action = body['response_action'];
    if (action === 'errors') {
      view.errors = Object.fromEntries(Object.entries(asObj(body['errors'])).map(([k, v]) => [k, String(v)]));
    } else if (action === 'update' && typeof body['view'] === 'object') {
      view.view = asObj(body['view']);
      delete view.errors;
    } else if (action === 'push' && typeof body['view'] === 'object') {
      this.state.views.push({ id: this.state.newId('V'), hash: `${this.state.now()}.push`, userId: view.userId, rootViewId: view.rootViewId, previousViewId: view.id, view: asObj(body['view']), state: 'open' });
    } else if (action === 'clear') {
      for (const v of openStack(this.state.views, view.rootViewId)) v.state = 'closed';
      view.state = 'submitted';
    } else {
      view.state = 'submitted';
    }
    this.state.emit({ kind: 'view', viewId: view.id, userId: view.userId });
  }

  /** Closes a modal; Slack tells the bot (view_closed) only when the view asked with `notify_on_close`. */
  async closeView(input: { userId: string; viewId: string }): Promise<BotAnswer> {
    const view = this.viewOrThrow(input.viewId);
    view.state = 'closed';
    this.state.emit({ kind: 'view', viewId: view.id, userId: view.userId });
    if (view.view['notify_on_close'] !== true) return { status: 0, body: '', ms: 0 };
    return this.postPayload({ type: 'view_closed', ...this.common(), user: this.userObj(input.userId), view: this.viewPayload(view, {}), is_cleared: false });
  }

  postUserMessage(input: { userId: string; channelId: string; text: string; threadTs?: string }): Message {
    return this.state.addMessage({ channel: input.channelId, user: input.userId, text: input.text, ...(input.threadTs !== undefined ? { threadTs: input.threadTs } : {}) });
  }

  async addReaction(input: { userId: string; channelId: string; ts: string; name: string }): Promise<BotAnswer> {
    const message = this.state.message(input.channelId, input.ts);
    if (!message) throw new Error(`no message ${input.ts} in channel ${input.channelId}`);
    addReaction(message.reactions, input.name, input.userId);
    this.state.emit({ kind: 'message', channel: input.channelId });
    return this.sendEvent({
      type: 'reaction_added',
      user: input.userId,
      reaction: input.name,
      item_user: message.user,
      item: { type: 'message', channel: input.channelId, ts: input.ts },
      event_ts: String(this.state.now() / 1000),
    });
  }

  sendEvent(event: Obj, options: { eventId?: string; retryNum?: number; retryReason?: string } = {}): Promise<BotAnswer> {
    const envelope = {
      token: 'emulated-verification-token',
      team_id: this.state.teamId,
      api_app_id: 'A0KLAXON',
      event,
      type: 'event_callback',
      event_id: options.eventId ?? this.state.newId('E').replace(/^E/, 'Ev'),
      event_time: Math.floor(this.state.now() / 1000),
      authorizations: [{ team_id: this.state.teamId, user_id: this.state.bot.userId, is_bot: true, is_enterprise_install: false }],
    };
    return this.deliverEvent(envelope, options.retryNum, options.retryReason);
  }

  /**
   * One delivery of an event, over the socket once one is in use (its number and reason in the envelope) or
   * else over HTTP; a failed one is sent again on Slack's schedule, in the background.
   */
  private async deliverEvent(envelope: Obj & { event_id: string }, retryNum: number | undefined, retryReason: string | undefined): Promise<BotAnswer> {
    const socket = this.deps.socket?.inUse ? this.deps.socket : undefined;
    const headers: Record<string, string> = {};
    if (retryNum !== undefined) headers['x-slack-retry-num'] = String(retryNum);
    if (retryReason !== undefined) headers['x-slack-retry-reason'] = retryReason;
    const send = socket
      ? () => socket.deliver('events_api', envelope, { attempt: retryNum, reason: retryReason })
      : () => this.signedRequest(JSON.stringify(envelope), 'application/json', { headers });
    const eventId = envelope.event_id;
    let failed = false;
    const again = (reason: string) => {
      if (failed) return;
      failed = true;
      const attempt = retryNum ?? 0;
      const delay = (this.deps.eventRetryDelaysMs ?? SLACK_EVENT_RETRY_DELAYS_MS)[attempt];
      if (delay === undefined) return;
      this.later(delay, () => void this.deliverEvent(envelope, attempt + 1, reason).catch(() => undefined));
    };
    const deadline = this.later(this.deps.answerDeadlineMs, () => again('http_timeout'));
    const delivered = (status: number) => {
      clearTimeout(deadline);
      this.timers.delete(deadline);
      this.eventDeliveries.push({ eventId, retryNum: retryNum ?? 0, ...(retryReason !== undefined ? { retryReason } : {}), status });
    };
    try {
      const answer = await send();
      delivered(answer.status);
      // Over the socket a failure is no ack (the deadline's http_timeout above) or no connection to send on.
      if (answer.status < 200 || answer.status > 299) again(socket && answer.body === 'dispatch_failed' ? 'connection_failed' : 'http_error');
      return answer;
    } catch (error) {
      delivered(0);
      again('connection_failed');
      throw error;
    }
  }

  /**
   * What Slack sends an app over its event limit (30,000 events per workspace an hour): a top-level body, not an
   * event_callback, which the app must answer 200 like any other delivery.
   */
  appRateLimited(): Promise<BotAnswer> {
    const minute = Math.floor(this.state.now() / 60_000) * 60;
    const body = { token: 'emulated-verification-token', type: 'app_rate_limited', team_id: this.state.teamId, minute_rate_limited: minute, api_app_id: 'A0KLAXON' };
    return this.signedRequest(JSON.stringify(body), 'application/json');
  }
}
