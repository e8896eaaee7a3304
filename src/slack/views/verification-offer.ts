// After `/incident resolve`: the §8 post-recovery verification suite with its Run buttons.
import type { CommandSpec } from '../../domain/catalogue.js';
import type { Incident } from '../../domain/incident.js';
import { pick, type Locale } from '../../domain/locale.js';
import type { Playbook } from '../../domain/playbook.js';
import { messages } from '../i18n/messages.js';
import { button, confirmDialog, fallbackText, section } from './blocks.js';
import { ACTION } from '../ids.js';
import { playbookSteps } from './playbook-steps.js';
import type { CommandLookup, SlackMessage } from './view-types.js';

export interface VerificationOfferInput {
  readonly incident: Incident;
  /** All playbooks; the first of kind 'verification' is offered. */
  readonly playbooks: readonly Playbook[];
  readonly commands: CommandLookup;
  readonly locale: Locale;
  /** With it, the time boxes show deadlines counted from the recovery. */
  readonly timeZone?: string;
}

// "Run all" runs every command of the suite: when some change the host (§8.2), it asks first, as their own
// Run buttons do.
function runAllButton(playbook: Playbook, commands: CommandLookup, locale: Locale) {
  const m = messages(locale);
  const changing = [...new Set(playbook.steps.flatMap((step) => step.commands))]
    .map((id) => commands(id))
    .filter((spec): spec is CommandSpec => spec !== undefined && spec.risk !== 'read-only');
  const risk = changing.some((spec) => spec.risk === 'destructive') ? 'destructive' : 'mutating';
  const confirm = changing.length === 0
    ? undefined
    : confirmDialog({
        title: m.playbook.confirmTitle,
        text: m.playbook.confirmText(changing.map((spec) => pick(spec.title, locale)).join(m.listSeparator), m.risk[risk]),
        confirm: m.playbook.confirmYes,
        deny: m.playbook.confirmNo,
        danger: risk === 'destructive',
      });
  return button({ text: m.replies.runAll, actionId: ACTION.runSuite, value: playbook.id, style: 'primary', ...(confirm ? { confirm } : {}) });
}

export function verificationOffer(input: VerificationOfferInput): SlackMessage {
  const m = messages(input.locale).replies;
  const playbook = input.playbooks.find((p) => p.kind === 'verification');
  if (playbook === undefined) return { text: fallbackText(m.noVerification), blocks: [section(m.noVerification)] };
  const resolvedAt = input.incident.status === 'resolved' || input.incident.status === 'closed' ? input.incident.resolvedAt : undefined;
  const steps = playbookSteps({
    playbook,
    commands: input.commands,
    locale: input.locale,
    timeZone: input.timeZone ?? 'UTC',
    ...(input.timeZone === undefined || resolvedAt === undefined ? {} : { startedAt: resolvedAt }),
  });
  return {
    text: fallbackText(`${m.verificationTitle}: ${steps.text}`),
    blocks: [section(`*${m.verificationTitle}*`, runAllButton(playbook, input.commands, input.locale)), ...steps.blocks.slice(0, 49)],
  };
}
