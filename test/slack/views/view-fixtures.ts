// Shared test data for the view builders: a typical incident, hostile text, and the checks every view must pass.
import type { KnownBlock, ModalView } from '@slack/types';
import fc from 'fast-check';
import { expect } from 'vitest';
import { CHECKLIST_ITEMS, type ChecklistEntry, type ChecklistState } from '../../../src/domain/checklist.js';
import type { Incident, Instant } from '../../../src/domain/incident.js';
import { SEVERITIES, type Severity } from '../../../src/domain/severity.js';
import { DEFAULT_SLA, clocks, type Clocks } from '../../../src/domain/sla.js';
import { validateMessage, validateView } from '../../../src/slack/block-kit-limits.js';
import type { SlackMessage } from '../../../src/slack/views/view-types.js';

import { anIncident, T0 } from '../../support/an-incident.js';

export { anIncident, emptyChecklist, T0 } from '../../support/an-incident.js';

export const clocksOf = (incident: Incident, now: Instant): Clocks => clocks(incident, now, DEFAULT_SLA[incident.severity]);

const HOSTILE_PIECES = [
  '<!channel>', '<!here>', '@channel', '@here', '<@U999EVIL>', '<#C123|x>', '<https://evil.example|click>', '```', '`', '*',
  '_', '~', '>', '&', '&amp;', '\n', '\r\n', '\t', ' ', '😀', '👨‍👩‍👧‍👦', '🇯🇵', 'インシデント', ':red_circle:', '\u200b', '|', '^',
];

// Text people (or a compromised alert source) might send: mentions, fences, entities, emoji, huge or empty.
export const hostileText = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: 'grapheme', maxLength: 20 })), { maxLength: 60 }).map((p) => p.join('')),
    fc.tuple(fc.constantFrom(...HOSTILE_PIECES, 'x', '長'), fc.integer({ min: 1, max: 12_000 })).map(([p, n]) => p.repeat(n)),
    fc.string({ unit: 'binary', maxLength: 400 }),
  );

export const hostileUser = (): fc.Arbitrary<string> =>
  fc.oneof(fc.constantFrom('U0ALICE', 'W0BOB', 'S0ONCALL', 'klaxon', 'alert:backtest'), hostileText());

const entry = (): fc.Arbitrary<ChecklistEntry> =>
  fc.record(
    { done: fc.boolean(), by: hostileUser(), at: fc.integer({ min: T0, max: T0 + 86_400_000 }), auto: fc.boolean(), reason: hostileText() },
    { requiredKeys: ['done'] },
  );

export const severityArb = (): fc.Arbitrary<Severity> => fc.constantFrom(...SEVERITIES);

// Any incident in any state, with hostile text wherever a person or an alert writes.
export const hostileIncident = (): fc.Arbitrary<Incident> =>
  fc
    .record({
      title: hostileText(),
      severity: severityArb(),
      status: fc.constantFrom('declared', 'acknowledged', 'resolved', 'closed'),
      host: fc.option(hostileText(), { nil: undefined }),
      commander: fc.option(hostileUser(), { nil: undefined }),
      entries: fc.array(entry(), { minLength: 15, maxLength: 15 }),
      report: fc.record({ summary: hostileText(), impact: hostileText(), rootCause: hostileText() }, { requiredKeys: [] }),
    })
    .map(({ title, severity, status, host, commander, entries, report }) => {
      const checklist = Object.fromEntries(CHECKLIST_ITEMS.map((item, i) => [item.id, entries[i] ?? { done: false }])) as ChecklistState;
      const base = anIncident({ title, severity, checklist, roles: commander === undefined ? {} : { commander }, report });
      const withHost = host === undefined ? { ...base, host: undefined } : { ...base, host };
      const times = { acknowledgedAt: T0 + 10 * 60_000, acknowledgedBy: 'U0ACK', resolvedAt: T0 + 50 * 60_000, resolvedBy: 'U0RES', closedAt: T0 + 70 * 60_000, closedBy: 'U0CLOSE' };
      return { ...withHost, ...times, status } as Incident;
    });

// Every mrkdwn text object (and the fallback) of a message or view.
export function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = record['type'] === 'mrkdwn' && typeof record['text'] === 'string' ? [record['text']] : [];
  return [...own, ...Object.entries(record).filter(([k]) => k !== 'text' || typeof record['text'] !== 'string').flatMap(([, v]) => mrkdwnTexts(v))];
}

// `<…>` sequences klaxon itself emits; anything else in mrkdwn came from user text unescaped.
const OURS = /^<(?:@[UW][A-Z0-9]+|#[CG][A-Z0-9]+|!subteam\^S[A-Z0-9]+|!date\^\d+\^[^|<>]+\|[^<>]+)>/;

export function unsafeSequences(text: string): string[] {
  const found: string[] = [];
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    if (!OURS.test(text.slice(i))) found.push(text.slice(i, i + 20));
  }
  if (/(^|[^\u2060])@(channel|here|everyone)\b/i.test(text.replace(/<[^>]*>/g, ''))) found.push('bare broadcast');
  if ((text.match(/```/g) ?? []).length % 2 !== 0) found.push('unbalanced ```');
  return found;
}

// The checks every message must pass: Block Kit limits, a fallback, and no injection from user text.
export function expectSafeMessage(message: SlackMessage): void {
  expect(validateMessage(message)).toEqual({ ok: true });
  expect(message.text.length).toBeLessThanOrEqual(3000);
  for (const text of [message.text, ...mrkdwnTexts(message.blocks)]) expect(unsafeSequences(text)).toEqual([]);
}

export function expectSafeView(view: ModalView): void {
  expect(validateView(view)).toEqual({ ok: true });
  for (const text of mrkdwnTexts(view.blocks)) expect(unsafeSequences(text)).toEqual([]);
}

// All visible text of some blocks, to assert on words without caring about structure.
export const allText = (blocks: readonly KnownBlock[] | ModalView['blocks']): string => JSON.stringify(blocks);
