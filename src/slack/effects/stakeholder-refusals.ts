// Slack's definite refusals of a post in the stakeholders' channel: klaxon is not there, the channel is gone, or
// only admins may post in it. The incident goes on without that copy; retrying cannot change the answer.
export const STAKEHOLDER_REFUSALS: ReadonlySet<string> = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);
