// The Home tab, drawn from the incidents as stored now: for the person who opened it, and again for everyone who
// did whenever an incident changes (setup, a re-render, the report), so nobody reads a stale overview.
import { homeOverview } from '../../app/home-overview.js';
import { appHome } from '../views/app-home.js';
import type { EffectContext } from './effect-context.js';

export async function publishHome(ctx: EffectContext, userId: string): Promise<void> {
  const overview = await homeOverview(ctx.services, userId);
  await ctx.slack.views.publish({ user_id: userId, view: appHome({ overview, now: ctx.services.now(), ...ctx.view }) });
}

/**
 * The `homes` pass, one person after another in its own lane: past Slack's limit each waits out Retry-After
 * there. Best effort per person: one tab Slack refuses does not stop the others or fail the pass.
 */
export async function republishHomes(ctx: EffectContext): Promise<void> {
  for (const userId of await ctx.services.homeViewers.list()) {
    try {
      await publishHome(ctx, userId);
    } catch (error) {
      ctx.services.logger.warn({ user: userId, err: (error as Error).message }, 'Home tab not redrawn');
    }
  }
}
