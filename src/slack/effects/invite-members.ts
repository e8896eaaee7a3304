// Inviting people and user-group members into an incident channel, for setup's responders and the ladder alike.
import type { SlackRef } from '../../domain/policy.js';
import { messages } from '../i18n/messages.js';
import { SlackPlatformError } from '../slack-api.js';
import { fallbackText, section } from '../views/blocks.js';
import type { EffectJob } from '../../app/ports.js';
import { requireChannel, type EffectContext } from './effect-context.js';

/** Nothing to tell anyone: the person is already there, is klaxon itself, or does not exist any more. */
const HARMLESS_INVITE_ERRORS = new Set(['already_in_channel', 'cant_invite_self', 'user_not_found']);
/** Errors about the channel or the app rather than a person: the whole invite failed. */
const CHANNEL_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'method_not_supported_for_channel_type', 'missing_scope', 'not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'no_user', 'too_many_users']);
/** Slack takes up to 1000 users per conversations.invite. */
const BATCH = 1000;

export interface InviteRefusal {
  readonly user: string;
  readonly error: string;
}

/** Who Slack refused in one answer: its `errors` array, or the one person of a single-person call. */
function refusalsOf(error: SlackPlatformError, batch: readonly string[]): InviteRefusal[] | undefined {
  const listed = error.data['errors'];
  if (Array.isArray(listed)) return listed.map((e: { user?: unknown; error?: unknown }) => ({ user: String(e.user), error: String(e.error) }));
  if (batch.length === 1 && !CHANNEL_ERRORS.has(error.slackError)) return [{ user: batch[0] as string, error: error.slackError }];
  return undefined;
}

/**
 * Expands user groups (a group that cannot be read is skipped with a warning) and invites everyone in batches
 * with `force`, so one guest or deactivated account does not keep the others out. Answers who was refused.
 */
export async function inviteMembers(ctx: EffectContext, channel: string, members: readonly SlackRef[]): Promise<InviteRefusal[]> {
  const users = new Set<string>();
  for (const member of members) {
    if ('user' in member) {
      users.add(member.user);
      continue;
    }
    try {
      for (const user of await ctx.membersOf(member.usergroup)) users.add(user);
    } catch (error) {
      ctx.services.logger.warn({ usergroup: member.usergroup, err: (error as Error).message }, 'could not expand user group');
    }
  }
  const all = [...users];
  const refused: InviteRefusal[] = [];
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH);
    try {
      const answer = await ctx.slack.conversations.invite({ channel, users: batch.join(','), force: true });
      // Slack lists the people it would not add (with force) beside ok: true.
      const errors = (answer as { errors?: { user?: unknown; error?: unknown }[] }).errors ?? [];
      refused.push(...errors.map((e) => ({ user: String(e.user), error: String(e.error) })));
    } catch (error) {
      const refusals = error instanceof SlackPlatformError ? refusalsOf(error, batch) : undefined;
      if (!refusals) throw error;
      refused.push(...refusals);
    }
  }
  const worth = refused.filter((r) => !HARMLESS_INVITE_ERRORS.has(r.error));
  if (worth.length > 0) ctx.services.logger.warn({ channel, refused: worth }, 'some people could not be invited');
  return worth;
}

/** Names, in the channel, the people Slack would not add and why. */
export async function postRefusals(ctx: EffectContext, channel: string, refused: readonly InviteRefusal[]): Promise<void> {
  if (refused.length === 0) return;
  const m = messages(ctx.view.locale).setup;
  const people = refused.map((r) => `<@${r.user}> (${m.inviteRefusal(r.error)}, \`${r.error}\`)`).join(', ');
  const text = m.notInvited(people);
  await ctx.post(channel, { text: fallbackText(text), blocks: [section(text)] });
}

// Escalation: the level's people (`U…`) and user groups (`S…`) join the channel (already there is fine).
export async function inviteMembersJob(ctx: EffectContext, data: Extract<EffectJob, { name: 'invite' }>['data']): Promise<void> {
  const { links } = await ctx.load(data.incidentId);
  const channel = requireChannel(links, data.incidentId);
  if (links['channelFallback']) return; // the incident runs in a shared channel: nobody is pulled into it
  const refused = await inviteMembers(ctx, channel, data.members.map((member) => (member.startsWith('S') ? { usergroup: member } : { user: member })));
  await postRefusals(ctx, channel, refused);
}
