// After `/incident resolve`: the §8 post-recovery verification suite with its Run buttons.
import type { Incident } from '../../domain/incident.js';
import type { Locale } from '../../domain/locale.js';
import type { Playbook } from '../../domain/playbook.js';
import { messages } from '../i18n/messages.js';
import { button, fallbackText, section } from './blocks.js';
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
  return { text: fallbackText(`${m.verificationTitle}: ${steps.text}`), blocks: [section(`*${m.verificationTitle}*`, button({ text: m.runAll, actionId: ACTION.runSuite, value: playbook.id, style: 'primary' })), ...steps.blocks.slice(0, 49)] };
}
