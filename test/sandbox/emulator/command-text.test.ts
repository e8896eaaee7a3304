// Slash command text as Slack sends it for a command declared with should_escape: entities and linked mentions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCommandText } from '../../../src/sandbox/emulator/command-text.js';
import { DEFAULT_BOT, DEFAULT_USERGROUPS, DEFAULT_USERS } from '../../../src/sandbox/emulator/default-workspace.js';
import { EmulatorState } from '../../../src/sandbox/emulator/emulator-state.js';

const state = new EmulatorState('T0KLAXON', DEFAULT_BOT, DEFAULT_USERS, DEFAULT_USERGROUPS, () => 1_764_400_000_000);
const general = state.addChannel('general', 'U0SLACKBOT', false, []);

describe('escapeCommandText', () => {
  it.each([
    ['declare critical DB <down> & slow', 'declare critical DB &lt;down&gt; &amp; slow'],
    ['note 5 > 3 &amp; done', 'note 5 &gt; 3 &amp;amp; done'],
    ['assign commander @dev.tanaka', `assign commander <@U0L3DEV|dev.tanaka>`],
    ['assign responder @l2-sysadmin in #general', `assign responder <!subteam^S0L2|@l2-sysadmin> in <#${general.id}|general>`],
    ['assign scribe <@U0L1OPS> and <@U0L2SYS|sysadmin.suzuki>', 'assign scribe <@U0L1OPS> and <@U0L2SYS|sysadmin.suzuki>'],
    ['mail a@b.example and @nobody stay as typed', 'mail a@b.example and @nobody stay as typed'],
  ])('%s → %s', (typed, sent) => {
    expect(escapeCommandText(typed, state)).toBe(sent);
  });

  it('leaves no bare < or > and decodes back to what was typed when no mention is linked', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }).filter((t) => !/[@#]/.test(t)), (typed) => {
        const sent = escapeCommandText(typed, state);
        const unescaped = sent.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        if (!/<(?:@[UW]|#C|!subteam\^S)/.test(typed)) {
          expect(sent).not.toMatch(/[<>]/);
          expect(unescaped).toBe(typed);
        }
      }),
    );
  });
});
