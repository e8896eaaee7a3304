// The §8.1 suite gates システム検証実施: once every check has a result since recovery, all must have passed.
import { BOT_ACTOR } from '../../domain/actors.js';
import { recordVerification } from '../../domain/job-records.js';
import { apply } from '../../app/apply.js';
import { messages } from '../i18n/messages.js';
import { section } from '../views/blocks.js';
import type { EffectContext } from './effect-context.js';

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
  await ctx.link(incidentId, `verify:${run.commandId}`, run.outcome);
  const links = await services.store.getLinks(incidentId);
  const suite = services.catalogue.filter((c) => c.ticks === 'system_verified').map((c) => c.id);
  if (!suite.every((id) => links[`verify:${id}`])) return;
  const failed = suite.filter((id) => links[`verify:${id}`] !== 'succeeded');
  const key = failed.length === 0 ? `verify-passed-${incidentId}` : `verify-failed-${run.runId}`;
  const recorded = await apply(services, incidentId, (i) => recordVerification(i, { passed: failed.length === 0, failed }, { by: BOT_ACTOR, at: services.now(), key }), key);
  if (!recorded.ok || recorded.value.duplicate) return;
  const m = messages(ctx.view.locale);
  const text = failed.length === 0 ? m.replies.verificationPassed : m.replies.verificationFailed(failed.join(m.listSeparator));
  await ctx.post(run.channel, { text, blocks: [section(text)] });
}
