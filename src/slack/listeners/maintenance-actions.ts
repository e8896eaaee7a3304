// "Run now" in `/incident maintenance`: acknowledged at once, then the policy's role decides and the run
// starts as on schedule; the person gets a short ephemeral answer (the run itself reports in the ops channel).
import type { BlockAction, ButtonAction } from '@slack/bolt';
import { runPlanNow } from '../../app/maintenance.js';
import type { Services } from '../../app/services.js';
import type { Listeners } from './dispatch-requests.js';
import { findPlan } from '../../domain/scheduled-work.js';
import { maintenanceWords } from '../views/maintenance-words.js';
import { RUN_NOW_ACTION } from '../views/maintenance-list.js';

export function registerMaintenanceActions(app: Listeners, services: Services): void {
  const w = maintenanceWords(services.config.locale);
  app.action<BlockAction>(RUN_NOW_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    const planId = (action as ButtonAction).value ?? '';
    const plan = findPlan(services.policy.maintenance, planId);
    const title = plan?.title[services.config.locale] ?? planId;
    const started = await runPlanNow(services, planId, body.user.id);
    const text = started.ok
      ? w.runNowQueued(title)
      : started.error.code === 'forbidden'
        ? (started.error.groupsUnknown ? w.runNowUnchecked : w.runNowForbidden)(started.error.role)
        : started.error.code === 'running'
          ? w.alreadyRunning(title)
          : started.error.code === 'unknown_plan'
            ? w.unknownPlan(planId)
            : w.noChannel;
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  });
}
