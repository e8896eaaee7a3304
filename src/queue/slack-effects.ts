// The bot's effect processor: everything klaxon does to Slack happens here, from the klaxon-slack queue, one
// job at a time and in order. Each effect (src/queue/effects/) records what it did as a link on the incident,
// so a job retried after a crash or an outage picks up where it stopped instead of doing things twice.
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { deliverReport } from '../report/deliver-report.js';
import type { Services } from '../app/services.js';
import type { SlackApi } from '../slack/slack-api.js';
import { createEffectContext } from './effects/effect-context.js';
import { inviteMembersJob } from './effects/invite-members.js';
import { postMessage } from './effects/post-message.js';
import { renderIncident } from './effects/render-incident.js';
import { runEvent } from './effects/run-event.js';
import { setupIncidentChannel } from './effects/setup-incident-channel.js';
import { bullPrefix, SLACK_QUEUE, type SlackJob } from './queues.js';

export interface SlackEffectsOptions {
  readonly connection: ConnectionOptions;
  readonly services: Services;
  readonly slack: SlackApi;
  readonly botToken: string;
}

export function startSlackEffects(options: SlackEffectsOptions): Worker {
  const { services, slack, botToken } = options;
  const { config, logger } = services;
  const ctx = createEffectContext(services, slack, botToken);

  const processor = async (job: Job): Promise<void> => {
    const task = { name: job.name, data: job.data } as SlackJob;
    switch (task.name) {
      case 'setup':
        return setupIncidentChannel(ctx, task.data);
      case 'render':
        return renderIncident(ctx, task.data.incidentId);
      case 'post':
        return postMessage(ctx, task.data);
      case 'invite':
        return inviteMembersJob(ctx, task.data);
      case 'run-event':
        return runEvent(ctx, task.data);
      case 'report':
        return deliverReport(services, slack, botToken, task.data.incidentId);
    }
  };

  const worker = new Worker(SLACK_QUEUE, processor, {
    connection: options.connection,
    prefix: bullPrefix(config.redisPrefix),
    // One at a time keeps messages in order; Slack's own rate limits make more pointless anyway.
    concurrency: 1,
  });
  worker.on('error', (error) => logger.error({ err: error }, 'slack effects worker error'));
  worker.on('failed', (job, error) => logger.warn({ job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'slack effect failed; will retry'));
  return worker;
}
