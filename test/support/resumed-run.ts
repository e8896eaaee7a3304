// What a run left without its host job shows once a bot has queued it again: its result on the timeline and
// in the incident channel, one start, and two audit entries (the click's allow, then the look that queued it);
// a run of "Run all" is allowed only as it goes to the host, so it has the look's alone.
import { expect } from 'vitest';
import type { Message } from '../../src/sandbox/emulator/emulator-types.js';
import { eventually } from './eventually.js';
import type { Klaxon } from './klaxon-harness.js';

const QUEUED_AGAIN = 'queued again: its host job was never queued';

export async function expectRunDoneOnce(
  k: Klaxon,
  channel: string,
  incidentId: string,
  run: { readonly jobId: string; readonly commandId: string; readonly suite?: string },
): Promise<void> {
  const finished = await eventually(
    async () => (await k.bot.services.store.timelineAll(incidentId)).find((e) => e.type === 'job_finished' && e.jobId === run.jobId),
    'the result of the run',
    30_000,
  );
  expect(finished).toMatchObject({ outcome: 'succeeded', commandId: run.commandId });
  const shown = (m: Message) => /Succeeded/.test(m.text) && `${m.text}${JSON.stringify(m.blocks ?? [])}`.includes(`\`${run.commandId}\``);
  await eventually(() => k.emulator.messages(channel).find(shown), 'the run shown as succeeded', 20_000);
  const timeline = await k.bot.services.store.timelineAll(incidentId);
  expect(timeline.filter((e) => e.type === 'job_started' && e.jobId === run.jobId)).toHaveLength(1);
  const audit = (await k.bot.services.audit.read()).filter((e) => e.requestId === run.jobId && e.action === 'run');
  expect(audit.map((e) => e.detail)).toEqual(run.suite === undefined ? [undefined, QUEUED_AGAIN] : [QUEUED_AGAIN]);
}
