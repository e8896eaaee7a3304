// A bot that dies between storing a declaration and queueing its Slack setup: the incident is in Redis, but
// nobody in Slack knows of it (no channel, no checklist, no announcement). The next bot to start sets it up, once.
import { describe, expect, it } from 'vitest';
import { declare } from '../../src/app/declare.js';
import { diesQueueingSetup } from '../support/dies-queueing-setup.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';

describe('a declaration whose setup was never queued', () => {
  it('gets its channel, checklist and announcement from the next bot to start, once', { timeout: 60_000 }, async () => {
    const first = await startKlaxon();
    let firstStopped = false;
    let second: Klaxon | undefined;
    try {
      const request = { severity: 'high', title: 'Backtests crash on start', source: 'slack', by: USERS.l1, key: 'declare-before-death' } as const;
      await expect(declare(diesQueueingSetup(first.bot.services), request)).rejects.toThrow('the bot died here');
      const [incident] = await first.bot.services.store.listOpen();
      if (!incident) throw new Error('the incident was not stored');
      await first.bot.stop();
      firstStopped = true;
      expect(first.emulator.channels().filter((c) => c.name.startsWith('inc-'))).toEqual([]);

      // Started a minute later: the incident is old enough not to be a live replica's that is queueing its setup.
      second = await startKlaxon({ emulator: first.emulator, redisPrefix: first.config.redisPrefix, now: () => Date.now() + 60_000 });
      const restarted = second;
      const channel = await eventually(() => first.emulator.channels().find((c) => c.name.startsWith('inc-')), 'the incident channel', 20_000);
      await eventually(async () => (await restarted.bot.services.store.getLinks(incident.id)).announcement, 'the announcement', 20_000);
      expect(first.emulator.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(1);
      const links = await restarted.bot.services.store.getLinks(incident.id);
      expect(links.channel).toBe(channel.id);
      expect(first.emulator.messages(channel.id).map((m) => m.ts)).toEqual(expect.arrayContaining([links.header, links.checklist]));
      const announced = first.emulator.messages(restarted.stakeholders).filter((m) => `${m.text}${JSON.stringify(m.blocks ?? [])}`.includes(incident.id));
      expect(announced).toHaveLength(1);
    } finally {
      await second?.stop();
      if (firstStopped) await first.emulator.close();
      else await first.stop();
    }
  });
});
