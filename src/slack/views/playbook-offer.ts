// Offers the runbook scenarios (§4–§7) that fit the incident as a picker; choosing one posts its steps.
import type { Locale } from '../../domain/locale.js';
import { pick } from '../../domain/locale.js';
import type { Playbook } from '../../domain/playbook.js';
import type { Severity } from '../../domain/severity.js';
import { ACTION, BLOCK } from '../ids.js';
import { messages } from '../i18n/messages.js';
import { fallbackText, option, plain, section } from './blocks.js';
import type { SlackMessage } from './view-types.js';

export interface PlaybookOfferInput {
  /** Already chosen by the caller (usually the scenarios of the incident's severity); at most 100 are shown. */
  readonly playbooks: readonly Playbook[];
  readonly locale: Locale;
  readonly severity?: Severity;
}

// A static_select whose value is the playbook id.
export function playbookOffer(input: PlaybookOfferInput): SlackMessage {
  const m = messages(input.locale);
  const title = input.severity === undefined ? m.playbook.placeholder : m.playbook.offerTitle(m.severity[input.severity]);
  if (input.playbooks.length === 0) {
    return { text: fallbackText(m.playbook.none), blocks: [section(`*${title}*\n${m.playbook.none}`)] };
  }
  const options = input.playbooks
    .slice(0, 100)
    .map((p) => option(`${p.runbook} ${pick(p.title, input.locale)}`, p.id));
  const picker = {
    type: 'static_select' as const,
    action_id: ACTION.playbookSelect,
    placeholder: plain(m.playbook.placeholder, 150),
    options,
  };
  return {
    text: fallbackText(title),
    blocks: [section(`*${title}*\n${m.playbook.offerHint}`, picker, BLOCK.playbookOffer)],
  };
}
