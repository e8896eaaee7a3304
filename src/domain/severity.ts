// Severity levels of runbook §1.1 and the words people type for them.
import { err, ok, type Result } from './result.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

const ALIASES: Readonly<Record<string, Severity>> = {
  critical: 'critical', sev1: 'critical', p1: 'critical', '緊急': 'critical',
  high: 'high', sev2: 'high', p2: 'high', '高': 'high',
  medium: 'medium', sev3: 'medium', p3: 'medium', '中': 'medium',
  low: 'low', sev4: 'low', p4: 'low', '低': 'low',
};

export interface SeverityUsageError {
  readonly code: 'usage';
  readonly input: string;
  readonly valid: readonly string[];
}

/**
 * Reads a severity word as people type it (case-insensitive).
 * @example parseSeverity('SEV1') //=> { ok: true, value: 'critical' }
 */
export function parseSeverity(input: string): Result<Severity, SeverityUsageError> {
  const found = ALIASES[input.trim().toLowerCase()];
  return found ? ok(found) : err({ code: 'usage', input, valid: Object.keys(ALIASES) });
}

/** Critical/high need the full §9.2 report and the 24 h ladder. */
export const isMajor = (severity: Severity): boolean => severity === 'critical' || severity === 'high';
