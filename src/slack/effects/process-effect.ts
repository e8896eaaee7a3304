// Every Slack effect, by job name: the one place where klaxon renders Block Kit and writes to Slack. Jobs carry
// intent; each effect renders from the incident as stored at delivery and records what it did as a link, so a
// job retried after a crash or an outage picks up where it stopped instead of doing things twice.
import { PermanentEffectError, SlackDownEffectError, type EffectJob } from '../../app/ports.js';
import { SlackPlatformError, SlackUnavailableError } from '../slack-api.js';
import { showApprovalDecision } from './approval-decided.js';
import { deliverReport } from './deliver-report.js';
import { createEffectContext, type EffectContext, type EffectDeps, type EffectRun } from './effect-context.js';
import { postFollowUpReminder, postMonthlySummary, syncFollowUpCards } from './follow-up-effects.js';
import { inviteMembersJob } from './invite-members.js';
import { postAlarm, postChange, postEscalation, postNote, postPlaybook, postStatusUpdate, postVerificationOffer } from './post-message.js';
import { pinFromReaction } from './pin-message.js';
import { renderIncident } from './render-incident.js';
import { runAccepted } from './run-accepted.js';
import { maintenanceRunEvent, postCanaryComparison, renderMaintenanceSummary } from './maintenance-effects.js';
import { runEvent } from './run-event.js';
import { renderRunSuite } from './run-suite.js';
import { setupIncidentChannel } from './setup-incident-channel.js';
import { publishHome, republishHomes } from './publish-home.js';

export function effectProcessor(deps: EffectDeps): (job: EffectJob, run?: EffectRun) => Promise<void> {
  const shared = { ...deps, groupCache: deps.groupCache ?? new Map() };
  return async (task, run) => {
    try {
      await deliver(createEffectContext(shared, run), task);
    } catch (error) {
      // Slack's definite refusal will be the same on every retry (transient errors were retried in the call).
      if (error instanceof SlackPlatformError) throw new PermanentEffectError(`${task.name}: ${error.message}`, { cause: error });
      // Unreachable, 5xx or 429 through all of the call's retries: Slack is down for now, the queue waits it out.
      if (error instanceof SlackUnavailableError) throw new SlackDownEffectError(`${task.name}: ${error.message}`, { cause: error });
      throw error;
    }
  };
}

/**
 * An effect that follows a change of an incident, then the Home tabs that show it: redrawn in a pass of their
 * own, so Slack's views.publish limit never holds up the incident's messages behind everyone's Home tab.
 */
async function andHomes(ctx: EffectContext, change: Promise<void>): Promise<void> {
  await change;
  // Nobody opened the tab (most tests, a fresh install): no job to queue and run.
  if ((await ctx.services.homeViewers.list()).length > 0) await ctx.services.effects.homes();
}

function deliver(ctx: EffectContext, task: EffectJob): Promise<void> {
  switch (task.name) {
    case 'setup':
      return andHomes(ctx, setupIncidentChannel(ctx, task.data));
    case 'render':
      return andHomes(ctx, renderIncident(ctx, task.data.incidentId));
    case 'pin':
      return pinFromReaction(ctx, task.data);
    case 'home':
      return publishHome(ctx, task.data.userId);
    case 'homes':
      return republishHomes(ctx);
    case 'note':
      return postNote(ctx, task.data);
    case 'change':
      return postChange(ctx, task.data);
    case 'alarm':
      return postAlarm(ctx, task.data);
    case 'escalation':
      return postEscalation(ctx, task.data);
    case 'status-update':
      return postStatusUpdate(ctx, task.data);
    case 'verification-offer':
      return postVerificationOffer(ctx, task.data.incidentId);
    case 'playbook':
      return postPlaybook(ctx, task.data);
    case 'run-accepted':
      return runAccepted(ctx, task.data);
    case 'run-suite':
      return renderRunSuite(ctx, task.data.incidentId, task.data.suite.id, task.data.suite).then(() => undefined);
    case 'invite':
      return inviteMembersJob(ctx, task.data);
    case 'run-event':
      return task.data.run.maintenance ? maintenanceRunEvent(ctx, task.data) : runEvent(ctx, task.data);
    case 'maintenance-summary':
      return renderMaintenanceSummary(ctx, task.data.runId);
    case 'maintenance-canary':
      return postCanaryComparison(ctx, task.data.runId);
    case 'report':
      return andHomes(ctx, deliverReport(ctx, task.data.incidentId));
    case 'approval-decided':
      return showApprovalDecision(ctx, task.data);
    case 'followups':
      return syncFollowUpCards(ctx, task.data);
    case 'followup-reminder':
      return postFollowUpReminder(ctx, task.data);
    case 'monthly-summary':
      return postMonthlySummary(ctx, task.data);
    default:
      // A job from a newer or older bot, or a typo in a producer: fail it visibly (the queue keeps it and
      // logs the failure) rather than completing it as if it had been shown.
      throw new Error(`unknown effect job ${JSON.stringify((task as { name?: unknown }).name)}`);
  }
}
