// A bot that dies between recording a run as queued and handing its job to the host: the next bot to start
// hands it over, and the run goes through the real host queue and worker to its result in the channel.
import { describe, expect, it } from 'vitest';
import { requestRun } from '../../src/app/request-run.js';
import { RESUME_AFTER_MS } from '../../src/app/resume-queued-runs.js';
import type { Services } from '../../src/app/services.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { expectRunDoneOnce } from '../support/resumed-run.js';

describe('a run left without a host job by a bot that died', () => {
  it('runs on the host once the next bot is up, once, with its result in the incident channel', async () => {
    const first = await startKlaxon({ worker: true });
    let firstStopped = false;
    let second: Klaxon | undefined;
    try {
      await first.emulator.slashCommand({ userId: USERS.l1, channelId: first.general, text: 'declare critical Backtests crash on start' });
      const channel = (await eventually(() => first.emulator.channels().find((c) => c.name.startsWith('inc-')), 'the incident channel')).id;
      const incident = await eventually(async () => (await first.bot.services.store.listOpen())[0], 'the incident');
      // The click reached requestRun and the run was recorded; the process died where it hands the job over.
      const dying: Services = { ...first.bot.services, runs: { ...first.bot.services.runs, enqueue: () => Promise.reject(new Error('the bot died here')) } };
      await expect(requestRun(dying, { incident, commandId: 'env.python-version', params: {}, by: USERS.l1, key: 'click-before-death' })).rejects.toThrow('the bot died here');
      const queued = (await first.bot.services.store.timelineAll(incident.id)).find((e) => e.type === 'job_queued');
      if (queued?.type !== 'job_queued') throw new Error('the run was not recorded');
      await first.worker?.stop();
      await first.bot.stop();
      firstStopped = true;

      // The next bot starts 6 s before the run is old enough to tell from one a live bot is still queueing:
      // its first look (as it starts) leaves it, and its second look, when the run is old enough, queues it.
      const offset = queued.at + RESUME_AFTER_MS - 6_000 - Date.now();
      const log = captureLogger('info');
      second = await startKlaxon({ worker: true, emulator: first.emulator, redisPrefix: first.config.redisPrefix, now: () => Date.now() + offset, logger: log.logger });
      const restarted = second;
      await expectRunDoneOnce(restarted, channel, incident.id, queued);
      const messages = log.lines<{ msg: string; runs?: string[] }>();
      const ready = messages.findIndex((line) => line.msg === 'klaxon bot ready');
      const resumed = messages.findIndex((line) => line.msg === 'runs recorded as queued had no host job: queued them again');
      expect(ready).toBeGreaterThanOrEqual(0);
      expect(resumed).toBeGreaterThan(ready);
      const lookingAgain = messages.findIndex((line) => line.msg === 'setups or runs queued too recently to tell: looking again');
      expect(lookingAgain).toBeGreaterThanOrEqual(0);
      expect(resumed).toBeGreaterThan(lookingAgain);
      expect(messages[resumed]?.runs).toEqual([queued.jobId]);
    } finally {
      await second?.stop();
      if (firstStopped) await first.emulator.close();
      else await first.stop();
    }
  });
});
