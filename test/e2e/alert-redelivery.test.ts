// A bot that dies in the middle of declaring an incident from an alert answers nothing, so the sender delivers
// the same alert again, to whichever bot is up. Over real HTTP, the real queue and the Slack emulator: the
// redelivery finds the incident the dead bot stored, and that incident gets its channel, once.
import { describe, expect, it } from 'vitest';
import { createAlertIntake } from '../../src/alerts/alert-intake.js';
import { parseBacktestAlert } from '../../src/alerts/parse-backtest-alert.js';
import { diesQueueingSetup } from '../support/dies-queueing-setup.js';
import { alertWords } from '../../src/slack/views/alert-words.js';
import { createDeclareWindow } from '../../src/store/declare-window.js';
import { eventually, startKlaxon, type Klaxon } from '../support/klaxon-harness.js';

const TOKEN = 'alert-token-0123456789abcdef';
const body = {
  alert: { alert_id: 'alt-001', rule_id: 'error_rate', title: 'Error rate above 5%', level: 'critical', source: 'performance_monitor', timestamp: '2026-01-15T10:58:30' },
  timestamp: '2026-01-15T10:58:31',
  source: 'backtest-alertmanager',
};

describe('an alert redelivered after the bot died declaring it', () => {
  it('makes one incident, which gets its channel and announcement once', { timeout: 60_000 }, async () => {
    const first = await startKlaxon({ env: { ALERT_WEBHOOK_TOKEN: TOKEN } });
    let firstStopped = false;
    let second: Klaxon | undefined;
    try {
      // The first delivery reached the dead bot's intake, which stored the incident and died where it queues its setup.
      const services = first.bot.services;
      const parsed = parseBacktestAlert(body, { timeZone: first.config.timeZone, now: services.now() });
      if (!parsed.ok || parsed.value[0] === undefined) throw new Error('the alert does not parse');
      const intake = createAlertIntake(diesQueueingSetup(services), {
        words: alertWords('en', first.config.timeZone),
        declareWindow: (limit, globalLimit) => createDeclareWindow(first.bot.redis, { prefix: first.config.redisPrefix, limit, globalLimit }),
      });
      await expect(intake.intake(parsed.value[0], 'backtest-test')).rejects.toThrow('the bot died here');
      await first.bot.stop();
      firstStopped = true;

      second = await startKlaxon({ emulator: first.emulator, redisPrefix: first.config.redisPrefix, env: { ALERT_WEBHOOK_TOKEN: TOKEN } });
      const restarted = second;
      // The sender's retries, three at once.
      const answers = await Promise.all(
        [1, 2, 3].map(() =>
          fetch(`${restarted.bot.url}/alerts/backtest`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
            body: JSON.stringify(body),
          }).then(async (response) => ({ status: response.status, json: (await response.json()) as { incidents: string[] } })),
        ),
      );
      const incidents = await restarted.bot.services.store.listRecent(10);
      expect(incidents.map((i) => i.id)).toHaveLength(1);
      const id = incidents[0]?.id;
      expect(answers).toEqual([1, 2, 3].map(() => ({ status: 202, json: expect.objectContaining({ incidents: [id] }) })));

      const announced = await eventually(async () => (await restarted.bot.services.store.getLinks(id ?? '')).announcement, 'the announcement', 20_000);
      expect(announced).toBeDefined();
      expect(first.emulator.calls('conversations.create')).toHaveLength(1);
      expect(first.emulator.channels().filter((c) => c.name.startsWith('inc-'))).toHaveLength(1);
    } finally {
      await second?.stop();
      if (firstStopped) await first.emulator.close();
      else await first.stop();
    }
  });
});
