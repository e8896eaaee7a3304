// Shared plumbing of the listeners: actors from Slack requests.
import type { Services } from '../../app/services.js';

/** An actor whose key makes a retried request idempotent. */
export const actorFrom = (services: Services, by: string, key: string) => ({ by, key, at: services.now() });
