// Every string of a Slack request (command text, modal values, event text, button values) is cleaned of
// control and bidi characters before a listener reads it: one place instead of one per input.
import { cleanText } from '../domain/clean-text.js';

function cleanAll(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = cleanAll(value[i], depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = cleanAll(record[key], depth + 1);
  return record;
}

/** In place: Bolt hands the same body (and the payload, command, view objects inside it) to the handlers. */
export function cleanInput(body: unknown): void {
  cleanAll(body, 0);
}
