// What Slack sends as a slash command's `text` when the command is declared with `should_escape: true` (as
// klaxon's manifest does): `&`, `<` and `>` typed by the user arrive as `&amp;`, `&lt;` and `&gt;`, and
// @person, #channel and @group mentions arrive as `<@U…|name>`, `<#C…|name>` and `<!subteam^S…|@handle>`.
// Mentions a caller already wrote in that markup are passed through as they are.
import type { EmulatorState } from './emulator-state.js';

const MARKUP = /(<(?:@[UW][A-Z0-9]+|#C[A-Z0-9]+|!subteam\^S[A-Z0-9]+)(?:\|[^<>]*)?>)/;
const MENTION = /(^|\s)([@#])([a-z0-9][a-z0-9._-]*)/gi;

const escapeEntities = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function linkMentions(text: string, state: EmulatorState): string {
  return text.replace(MENTION, (whole, space: string, sigil: string, name: string) => {
    if (sigil === '#') {
      const channel = state.channel(name);
      return channel ? `${space}<#${channel.id}|${channel.name}>` : whole;
    }
    const user = state.users.find((u) => u.name === name);
    if (user) return `${space}<@${user.id}|${user.name}>`;
    const group = state.usergroups.find((g) => g.handle === name);
    return group ? `${space}<!subteam^${group.id}|@${group.handle}>` : whole;
  });
}

export function escapeCommandText(text: string, state: EmulatorState): string {
  return text
    .split(MARKUP)
    .map((part, index) => (index % 2 === 1 ? part : linkMentions(escapeEntities(part), state)))
    .join('');
}
