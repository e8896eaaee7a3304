// How a run's outcome looks at a glance, in the result and in the channel's root message.
import type { RunOutcome } from '../../domain/run-result.js';

export const OUTCOME_EMOJI: Readonly<Record<RunOutcome, string>> = {
  succeeded: ':white_check_mark:',
  failed: ':x:',
  timed_out: ':alarm_clock:',
  canceled: ':no_entry_sign:',
};
