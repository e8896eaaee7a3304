// The §8.1 suite gates システム検証実施: once every check has a result since recovery, all must have passed.
import { BOT_ACTOR } from '../../domain/actors.js';
import { recordVerificationRun } from '../../domain/job-records.js';
import { apply } from '../../app/apply.js';
import { messages } from '../i18n/messages.js';
import { section } from '../views/blocks.js';
import { postLinked, type EffectContext } from './effect-context.js';

export interface VerificationRun {
  readonly incidentId: string;
  readonly commandId: string;
  readonly outcome: string;
  /** The incident channel, where the verdict is posted. */
  readonly channel: string;
  readonly runId: string;
}

export async function trackVerification(ctx: EffectContext, run: VerificationRun): Promise<void> {
  const { services } = ctx;
  const { incidentId } = run;
  const incident = await services.store.get(incidentId);
  if (incident?.status !== 'resolved') return;
  const suite = services.catalogue.filter((c) => c.ticks === 'system_verified').map((c) => c.id);
  const key = `verify-${run.runId}`;
  const recorded = await apply(services, incidentId, (i) => recordVerificationRun(i, { commandId: run.commandId, outcome: run.outcome, suite }, { by: BOT_ACTOR, at: services.now(), key }), key);
  // Only the run that completes the suite (or fails it again) puts a verdict on the timeline, and says so. A retry
  // after Slack failed the message finds the verdict its first try recorded (a duplicate answers those events).
  if (!recorded.ok) return;
  const verdict = recorded.value.events.find((e) => e.type === 'verification');
  if (verdict?.type !== 'verification') return;
  const said = `run-verdict:${run.runId}` as const;
  if ((await services.store.getLinks(incidentId))[said]) return;
  const m = messages(ctx.view.locale);
  const text = verdict.passed ? m.replies.verificationPassed : m.replies.verificationFailed(verdict.failed.join(m.listSeparator));
  await postLinked(ctx, incidentId, said, run.channel, { text, blocks: [section(text)] });
}
