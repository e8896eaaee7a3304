// The bodies Slack POSTs to an app, built once so the bot and the bare baseline receive the same bytes.
import { randomBytes } from 'node:crypto';

export interface SlackRequest {
  readonly body: string;
  readonly contentType: string;
}

const FORM = 'application/x-www-form-urlencoded';
const TEAM = 'T0KLAXON';

// Slack's shape: `<seconds>.<number>.<hex>`, unique per request, so the bot's replay guard sees new ones.
export const newTriggerId = (): string => `${Math.floor(Date.now() / 1000)}.${randomBytes(4).readUInt32BE()}.${randomBytes(8).toString('hex')}`;

export interface SlashCommandInput {
  readonly userId: string;
  readonly channelId: string;
  readonly text: string;
  readonly responseUrl: string;
}

export function slashCommandRequest(input: SlashCommandInput): SlackRequest {
  const fields = {
    token: 'bench-verification-token',
    team_id: TEAM,
    team_domain: 'klaxon-bench',
    channel_id: input.channelId,
    channel_name: 'bench',
    user_id: input.userId,
    user_name: input.userId,
    command: '/incident',
    text: input.text,
    api_app_id: 'A0KLAXON',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: newTriggerId(),
  };
  return { body: new URLSearchParams(fields).toString(), contentType: FORM };
}

export interface ButtonClickInput {
  readonly userId: string;
  readonly channelId: string;
  /** The message the button is in, as Slack echoes it back in the payload. */
  readonly message: { readonly ts: string; readonly text: string; readonly blocks: readonly unknown[] };
  readonly actionId: string;
  readonly blockId: string;
  readonly value: string;
  readonly responseUrl: string;
}

export function buttonClickRequest(input: ButtonClickInput): SlackRequest {
  const payload = {
    type: 'block_actions',
    token: 'bench-verification-token',
    api_app_id: 'A0KLAXON',
    team: { id: TEAM, domain: 'klaxon-bench' },
    is_enterprise_install: false,
    user: { id: input.userId, username: input.userId, name: input.userId, team_id: TEAM },
    container: { type: 'message', message_ts: input.message.ts, channel_id: input.channelId, is_ephemeral: false },
    trigger_id: newTriggerId(),
    channel: { id: input.channelId, name: 'bench' },
    message: { type: 'message', ts: input.message.ts, text: input.message.text, blocks: input.message.blocks },
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId,
        value: input.value,
        text: { type: 'plain_text', text: input.value },
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM };
}

/** The same request with a new trigger_id: a replay-guarded bot would drop a body it has already seen. */
export function withFreshTrigger(req: SlackRequest): SlackRequest {
  const params = new URLSearchParams(req.body);
  const payload = params.get('payload');
  if (payload === null) params.set('trigger_id', newTriggerId());
  else params.set('payload', JSON.stringify({ ...(JSON.parse(payload) as object), trigger_id: newTriggerId() }));
  return { body: params.toString(), contentType: req.contentType };
}
