// One alert as klaxon handles it, whichever system sent it.
import { createHash } from 'node:crypto';
import type { Instant } from '../domain/incident.js';
import { TITLE_MAX_LENGTH } from '../domain/lifecycle.js';
import type { AlertLevel } from './alert-level.js';

export interface IncomingAlert {
  /** The sending system: the automatic actor `alert:<sender>` and the unit of the declaration limit. */
  readonly sender: string;
  /** Alerts with one fingerprint belong to one incident while it is open. */
  readonly fingerprint: string;
  /** This firing of the alert: a re-delivered webhook carries the same one and is recorded once. */
  readonly occurrence: string;
  readonly alertId: string;
  /** Where it came from, as the timeline shows it (`performance_monitor/error_rate`). */
  readonly origin: string;
  readonly title: string;
  readonly level: AlertLevel;
  /** 'ignored': a state klaxon does not act on (acknowledged or silenced at the source). */
  readonly status: 'firing' | 'resolved' | 'ignored';
  /** When it fired (or, for a resolved alert, when it resolved). */
  readonly at: Instant;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A Redis-safe fingerprint: short hex kept as is, anything else hashed. */
export function fingerprintOf(system: 'bt' | 'am', ...parts: readonly string[]): string {
  const joined = parts.join('\u0000');
  return /^[0-9a-f]{8,64}$/i.test(joined) && parts.length === 1 ? `${system}-${joined.toLowerCase()}` : `${system}-${digest(joined).slice(0, 16)}`;
}

/** A title an incident can carry: one line, within the title limit, never empty. */
export function alertTitle(candidates: readonly (string | null | undefined)[]): string {
  const found = candidates.map((text) => (text ?? '').replace(/\s+/g, ' ').trim()).find((text) => text.length > 0) ?? 'Alert';
  return found.length <= TITLE_MAX_LENGTH ? found : `${found.slice(0, TITLE_MAX_LENGTH - 1)}…`;
}

/** A digest of a free-form occurrence, short enough for an idempotency key. */
export const occurrenceKey = (text: string): string => digest(text).slice(0, 16);
