// The Home tab, drawn from the incidents as stored now: for the person who opened it, and again for everyone who
// did whenever an incident changes (setup, a re-render, the report), so nobody reads a stale overview.
import { homeOverview } from '../../app/home-overview.js';
import { SlackPlatformError } from '../slack-api.js';
import { appHome } from '../views/app-home.js';
import type { EffectContext } from './effect-context.js';

/** Draws after which a person's tab is left to the replica that keeps drawing it over ours. */
const MAX_DRAWS = 3;

const isHashConflict = (error: unknown) => error instanceof SlackPlatformError && error.slackError === 'hash_conflict';

// Two replicas can each draw one person's tab, and the one that read the older incidents may reach Slack last.
// Each draw passes the hash of the tab it read before reading the incidents, so Slack refuses a draw that another
// came in ahead of (hash_conflict); the refused one reads the incidents again and draws that.
export async function publishHome(ctx: EffectContext, userId: string): Promise<void> {
  const { homeViewers } = ctx.services;
  let hash = await homeViewers.tabHash(userId);
  for (let draw = 1; ; draw += 1) {
    const overview = await homeOverview(ctx.services, userId);
    const view = appHome({ overview, now: ctx.services.now(), ...ctx.view });
    try {
      const answer = await ctx.slack.views.publish({ user_id: userId, view, ...(hash === undefined ? {} : { hash }) });
      if (answer.view?.hash !== undefined) await homeViewers.keepTabHash(userId, answer.view.hash);
      return;
    } catch (error) {
      if (!isHashConflict(error) || draw >= MAX_DRAWS) throw error;
      const kept = await homeViewers.tabHash(userId);
      // The same hash kept as before means no draw since ours kept its hash: a replica died before keeping it, or
      // kept an older one last. The tab's hash is then unknown, and this draw, from the incidents as they are
      // now, replaces the tab whatever it shows.
      hash = kept === hash ? undefined : kept;
    }
  }
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
