// One colour per severity, the same everywhere (header, announcement, lists), so people read it at a glance.
import type { Severity } from '../../domain/severity.js';

export const SEVERITY_EMOJI: Readonly<Record<Severity, string>> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':large_blue_circle:',
};
