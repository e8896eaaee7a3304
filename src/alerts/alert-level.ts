// The words alert sources use for a level, mapped onto the runbook's four severities (§1.1) or 'info'.
import type { Severity } from '../domain/severity.js';

/** 'info' alerts never open an incident; they only join one their fingerprint already has. */
export type AlertLevel = Severity | 'info';

const LEVELS: Readonly<Record<string, AlertLevel>> = {
  critical: 'critical', fatal: 'critical', emergency: 'critical', page: 'critical', p1: 'critical', sev1: 'critical',
  high: 'high', error: 'high', major: 'high', p2: 'high', sev2: 'high',
  medium: 'medium', warning: 'medium', warn: 'medium', p3: 'medium', sev3: 'medium',
  low: 'low', minor: 'low', p4: 'low', sev4: 'low',
  info: 'info', informational: 'info', notice: 'info', debug: 'info', none: 'info',
};

/**
 * Maps a level word case-insensitively; a word klaxon does not know counts as a warning (medium), so a new
 * level on the sender's side still reaches people instead of being dropped.
 * @example alertLevel('ERROR') //=> 'high'
 */
export function alertLevel(word: string | undefined): AlertLevel {
  if (word === undefined) return 'medium';
  return LEVELS[word.trim().toLowerCase()] ?? 'medium';
}

/** Every known word and its level, for the docs and the tests. */
export const ALERT_LEVELS = LEVELS;
