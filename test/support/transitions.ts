// Domain transitions in tests: the incident a step must produce, or the code of its refusal.
import type { Incident } from '../../src/domain/incident.js';
import type { TransitionResult } from '../../src/domain/lifecycle.js';

/** The incident after a transition that has to succeed; a refusal fails the test with its code and message. */
export function must(result: TransitionResult): Incident {
  if (!result.ok) throw new Error(`unexpected refusal: ${result.error.code} ${result.error.message}`);
  return result.value.incident;
}

/** `ok`, or the refusal's code. */
export const codeOf = (result: TransitionResult): string => (result.ok ? 'ok' : result.error.code);
