// `klaxon effects [--retry]` and the doctor's line about them, against a real Redis and BullMQ: a Slack effect
// kept in the failed jobs is shown to the operator with its incident and reason, and tried again on asking.
import { Queue } from 'bullmq';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PermanentEffectError } from '../../src/app/ports.js';
import { doctorCommand } from '../../src/cli/doctor-command.js';
import { effectsCommand } from '../../src/cli/effects-command.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startEffectWorker } from '../../src/queue/effect-worker.js';
import { bullPrefix, SLACK_JOB_OPTIONS, SLACK_QUEUE } from '../../src/queue/queues.js';
import { eventually } from '../support/eventually.js';
import { bullTestSetup } from '../queue/fixtures.js';
import { captureIo } from './capture-io.js';

const { prefix, connection } = bullTestSetup('effects-cli');
const quiet = createLogger({ level: 'silent', pretty: false });
const loaded = loadConfig({ REDIS_URL: inject('redisUrl'), KLAXON_REDIS_PREFIX: prefix }, 'doctor');
if (!loaded.ok) throw loaded.error;
const config = loaded.value;

async function run(command: typeof effectsCommand, args: readonly string[] = []) {
  const out = captureIo();
  const code = await command(args, config, quiet, out.io);
  return { code, ...out.text };
}

describe('klaxon effects', () => {
  const queue = new Queue(SLACK_QUEUE, { connection, prefix: bullPrefix(prefix) });
  afterAll(() => queue.close());

  it('lists a Slack effect kept in the failed jobs, the doctor says so, and --retry queues it again', async () => {
    expect((await run(effectsCommand)).stdout).toBe('No Slack effect in the failed jobs.\n');
    expect((await run(doctorCommand)).stdout).toContain('✓ No Slack effect in the failed jobs');

    const refusing = startEffectWorker({ connection, prefix, logger: quiet, process: async () => { throw new PermanentEffectError('status-update: Slack chat.postMessage answered not_in_channel'); } });
    try {
      await queue.add('status-update', { incidentId: 'inc-7', to: 'both', text: 'rolled back', by: 'U1' }, { ...SLACK_JOB_OPTIONS, jobId: 'update-both-k1' });
      await eventually(async () => (await queue.getFailedCount()) === 1, 'the refused effect in the failed jobs');
    } finally {
      await refusing.close();
    }

    const listed = await run(effectsCommand);
    expect(listed.stdout).toMatch(/^update-both-k1 {2}status-update {2}inc-7 {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}1 attempt {2}status-update: Slack chat\.postMessage answered not_in_channel\n/);
    expect(listed.stdout).toContain('1 Slack effect in the failed jobs: `klaxon effects --retry` tries them again.');
    expect(listed.code).toBe(0);
    const doctor = await run(doctorCommand);
    expect(doctor.stdout).toContain('✗ 1 Slack effect failed for good (status-update of inc-7: status-update: Slack chat.postMessage answered not_in_channel): fix the cause, then `klaxon effects --retry`');
    expect(doctor.code).toBe(1);

    const retried = await run(effectsCommand, ['--retry']);
    expect(retried.stdout).toBe('Queued again: update-both-k1 (status-update of inc-7).\n');
    const job = await queue.getJob('update-both-k1');
    expect([await job?.getState(), job?.attemptsMade]).toEqual(['waiting', 0]);
    expect(await queue.getFailedCount()).toBe(0);

    // Its attempts start afresh, but it is not a first try: an earlier one may have posted and lost the answer,
    // so the effect must look for its own message before posting again.
    const tries: number[] = [];
    const delivering = startEffectWorker({ connection, prefix, logger: quiet, process: async (_job, { attempt }) => void tries.push(attempt) });
    try {
      await eventually(() => tries.length > 0, 'the retried effect delivered');
    } finally {
      await delivering.close();
    }
    expect(tries).toEqual([2]);
  }, 20_000);

  it('refuses an unknown argument with its usage', async () => {
    const answer = await run(effectsCommand, ['--all']);
    expect([answer.code, answer.stderr]).toEqual([2, "klaxon effects: unknown argument '--all'\nusage: klaxon effects [--retry]\n"]);
  });
});
