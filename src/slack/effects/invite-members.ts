// Inviting people and user-group members into an incident channel, for setup's responders and the ladder alike.
import type { SlackRef } from '../../domain/policy.js';
import { SlackPlatformError } from '../slack-api.js';
import type { EffectJob } from '../../app/ports.js';
import { requireChannel, type EffectContext } from './effect-context.js';

const HARMLESS_INVITE_ERRORS = ['already_in_channel', 'cant_invite_self', 'user_not_found'];

/** Expands user groups (a group that cannot be read is skipped with a warning) and invites each user once. */
export async function inviteMembers(ctx: EffectContext, channel: string, members: readonly SlackRef[]): Promise<void> {
  const users = new Set<string>();
  for (const member of members) {
    if ('user' in member) {
      users.add(member.user);
      continue;
    }
    try {
      const group = await ctx.slack.call<{ users?: string[] }>('usergroups.users.list', { usergroup: member.usergroup });
      for (const user of group.users ?? []) users.add(user);
    } catch (error) {
      ctx.services.logger.warn({ usergroup: member.usergroup, err: (error as Error).message }, 'could not expand user group');
    }
  }
  for (const user of users) {
    try {
      await ctx.slack.call('conversations.invite', { channel, users: user });
    } catch (error) {
      if (!(error instanceof SlackPlatformError && HARMLESS_INVITE_ERRORS.includes(error.slackError))) throw error;
    }
  }
}

// Escalation: the level's people (`U…`) and user groups (`S…`) join the channel (already there is fine).
export async function inviteMembersJob(ctx: EffectContext, data: Extract<EffectJob, { name: 'invite' }>['data']): Promise<void> {
  const { links } = await ctx.load(data.incidentId);
  const channel = requireChannel(links, data.incidentId);
  await inviteMembers(ctx, channel, data.members.map((member) => (member.startsWith('S') ? { usergroup: member } : { user: member })));
}
