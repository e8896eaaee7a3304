import type { SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { findCommand, playbooks } from '../../../commands/index.js';
import type { Incident } from '../../../src/domain/incident.js';
import { ACTION } from '../../../src/slack/ids.js';
import { verificationOffer } from '../../../src/slack/views/verification-offer.js';
import { T0, allText, anIncident, expectSafeMessage } from './view-fixtures.js';

const resolved = anIncident({ status: 'resolved', acknowledgedAt: T0 + 60_000, acknowledgedBy: 'U0A', resolvedAt: T0 + 40 * 60_000, resolvedBy: 'U0R' } as Partial<Incident>);

describe('verificationOffer', () => {
  it('offers the §8 suite with a Run button per command and deadlines from the recovery', () => {
    const suite = playbooks.find((p) => p.kind === 'verification');
    expect(suite).toBeDefined();
    const message = verificationOffer({ incident: resolved, playbooks, commands: findCommand, locale: 'ja', timeZone: 'Asia/Tokyo' });
    expectSafeMessage(message);
    const runs = (message.blocks as SectionBlock[]).filter((b) => b.accessory?.type === 'button' && b.accessory.action_id === ACTION.runCommand);
    expect(runs).toHaveLength(suite?.steps.flatMap((s) => s.commands).length ?? -1);
    expect(allText(message.blocks)).toContain('復旧後のシステム検証');
    expect(allText(message.blocks)).toMatch(/（11:\d\d JSTまで）/);
  });

  it('falls back to a manual instruction when no suite exists', () => {
    const message = verificationOffer({ incident: resolved, playbooks: [], commands: findCommand, locale: 'en' });
    expectSafeMessage(message);
    expect(message.text).toContain('verify by hand');
  });
});
