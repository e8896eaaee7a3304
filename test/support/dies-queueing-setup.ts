// A bot that dies between storing a declaration and queueing its Slack setup, as the use cases see it.
import type { Services } from '../../src/app/services.js';

/** The same services, on a bot that dies where it would queue an incident's setup: that call throws `error`. */
export const diesQueueingSetup = (services: Services, error: Error = new Error('the bot died here')): Services => ({
  ...services,
  effects: { ...services.effects, enqueue: (job, jobId) => (job.name === 'setup' ? Promise.reject(error) : services.effects.enqueue(job, jobId)) },
});
