// Who acts on an incident: a person (a Slack user id) or an automatic actor, klaxon itself or an alert source.
import type { UserId } from './incident.js';

/** klaxon itself: clocks, recorded runs, verification, the written report. */
export const BOT_ACTOR: UserId = 'klaxon';

/** The automatic actor of an alert source. */
export const alertActor = (sender: string): UserId => `alert:${sender}`;

// Automatic actors never count as a first response or a responder, and cannot tick the checklist by hand.
export const isAutomaticActor = (by: UserId): boolean => by === BOT_ACTOR || by.startsWith('alert:');
