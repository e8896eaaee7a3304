// "/incident <subcommand> …" text → a typed command or a usage error. Pure: no Slack calls.
import { TITLE_MAX_LENGTH } from '../domain/lifecycle.js';
import { INCIDENT_ROLES, type IncidentRole } from '../domain/incident.js';
import { err, ok, type Result } from '../domain/result.js';
import { parseSeverity, type Severity } from '../domain/severity.js';
import { fromSlackText } from '../domain/text.js';

export const SUBCOMMANDS = [
  'declare', 'update', 'severity', 'assign', 'note', 'run', 'status', 'list', 'maintenance', 'resolve', 'close', 'followup', 'help',
] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export type IncidentCommand =
  /** `draft`: a title too long for one, which the declare form takes as its starting point. */
  | { readonly kind: 'declare'; readonly severity?: Severity; readonly title?: string; readonly draft?: string; readonly private?: true }
  | { readonly kind: 'update'; readonly text: string }
  | { readonly kind: 'severity'; readonly severity: Severity }
  | { readonly kind: 'assign'; readonly role: IncidentRole; readonly user: string }
  /** A name Slack did not turn into a mention (`@suzuki`, a display name with spaces): the listener looks it up. */
  | { readonly kind: 'assign'; readonly role: IncidentRole; readonly name: string }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'run'; readonly commandId: string; readonly params: Readonly<Record<string, string>>; readonly host?: string }
  | { readonly kind: 'status' }
  | { readonly kind: 'list' }
  | { readonly kind: 'maintenance' }
  | { readonly kind: 'resolve' }
  | { readonly kind: 'close' }
  /** The follow-up as typed; its owner and due day are read with the person and today (follow-up-items.ts). */
  | { readonly kind: 'followup'; readonly text: string }
  | { readonly kind: 'help' };

export interface UsageError {
  readonly code: 'usage';
  readonly subcommand?: Subcommand;
  readonly reason: 'unknown_subcommand' | 'missing_argument' | 'bad_severity' | 'bad_role' | 'bad_user' | 'unknown_user' | 'ambiguous_user' | 'bad_param' | 'too_long';
  readonly input?: string;
  readonly valid?: readonly string[];
}

const MAX_TEXT = 3000;
const HOST_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const usage = (error: Omit<UsageError, 'code'>): Result<never, UsageError> => err({ code: 'usage', ...error });

/** A mention (`<@U123>` once decoded) or a plain U-id. */
function parseUser(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const escaped = /^<@([UW][A-Z0-9]+)>$/.exec(word);
  if (escaped) return escaped[1];
  return /^[UW][A-Z0-9]{2,}$/.test(word) ? word : undefined;
}

function freeText(subcommand: Subcommand, rest: string): Result<string, UsageError> {
  const text = rest.trim();
  if (!text) return usage({ subcommand, reason: 'missing_argument' });
  if (text.length > MAX_TEXT) return usage({ subcommand, reason: 'too_long', valid: [String(MAX_TEXT)] });
  return ok(text);
}

/**
 * Parses the text after `/incident` as Slack sends it (entities and `<…>` tokens are decoded here, once).
 * @example parseCommand('declare sev1 DB &amp; cache') //=> { ok: true, value: { kind: 'declare', severity: 'critical', title: 'DB & cache' } }
 */
export function parseCommand(text: string): Result<IncidentCommand, UsageError> {
  const trimmed = fromSlackText(text).trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return ok({ kind: 'help' });
  const word = (match[1] ?? '').toLowerCase();
  const rest = match[2] ?? '';
  const args = rest.split(/\s+/).filter(Boolean);
  switch (word) {
    case 'help':
      return ok({ kind: 'help' });
    case 'status':
    case 'list':
    case 'maintenance':
    case 'resolve':
    case 'close':
      return ok({ kind: word });
    case 'declare': {
      // `--private` anywhere among the words: a private incident (runbook §4.3, security).
      const hidden = /(^|\s)--private(?=\s|$)/i.test(rest) ? { private: true as const } : {};
      const given = rest.replace(/(^|\s)--private(?=\s|$)/gi, ' ').trim();
      const words = given.split(/\s+/).filter(Boolean);
      if (words.length === 0) return ok({ kind: 'declare', ...hidden });
      const severity = parseSeverity(words[0] ?? '');
      if (!severity.ok) return usage({ subcommand: 'declare', reason: 'bad_severity', input: words[0], valid: ['critical', 'high', 'medium', 'low'] });
      const title = given.slice((words[0] ?? '').length).trim();
      if (!title) return ok({ kind: 'declare', severity: severity.value, ...hidden });
      // A paragraph typed as a title is not refused (and lost): the form opens with it to be shortened.
      if (title.length > TITLE_MAX_LENGTH) return ok({ kind: 'declare', severity: severity.value, draft: title, ...hidden });
      return ok({ kind: 'declare', severity: severity.value, title, ...hidden });
    }
    case 'update':
    case 'note':
    case 'followup': {
      const body = freeText(word, rest);
      return body.ok ? ok({ kind: word, text: body.value }) : body;
    }
    case 'severity': {
      if (!args[0]) return usage({ subcommand: 'severity', reason: 'missing_argument', valid: ['critical', 'high', 'medium', 'low'] });
      const severity = parseSeverity(args[0]);
      return severity.ok
        ? ok({ kind: 'severity', severity: severity.value })
        : usage({ subcommand: 'severity', reason: 'bad_severity', input: args[0], valid: ['critical', 'high', 'medium', 'low'] });
    }
    case 'assign': {
      const role = (args[0] ?? '').toLowerCase();
      if (!INCIDENT_ROLES.includes(role as IncidentRole)) {
        return usage({ subcommand: 'assign', reason: args[0] ? 'bad_role' : 'missing_argument', input: args[0], valid: INCIDENT_ROLES });
      }
      if (!args[1]) return usage({ subcommand: 'assign', reason: 'missing_argument' });
      const user = parseUser(args[1]);
      if (user && args.length === 2) return ok({ kind: 'assign', role: role as IncidentRole, user });
      // Everything after the role is the name: display names may hold spaces.
      const name = rest.trim().slice((args[0] ?? '').length).trim().replace(/^@/, '');
      if (!name || name.length > 100 || /[<>]/.test(name)) return usage({ subcommand: 'assign', reason: 'bad_user', input: args[1] });
      return ok({ kind: 'assign', role: role as IncidentRole, name });
    }
    case 'run': {
      const [commandId, ...pairs] = args;
      if (!commandId) return usage({ subcommand: 'run', reason: 'missing_argument' });
      const params: Record<string, string> = {};
      let host: string | undefined;
      for (const pair of pairs) {
        const eq = pair.indexOf('=');
        if (eq <= 0) return usage({ subcommand: 'run', reason: 'bad_param', input: pair });
        const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
        // `host=` picks the backtest host (a WORKER_HOST name); no catalogue command has a parameter of that name.
        if (name === 'host') {
          if (!HOST_NAME.test(value)) return usage({ subcommand: 'run', reason: 'bad_param', input: pair });
          host = value;
        } else {
          params[name] = value;
        }
      }
      return ok({ kind: 'run', commandId, params, ...(host ? { host } : {}) });
    }
    default:
      return usage({ reason: 'unknown_subcommand', input: match[1], valid: SUBCOMMANDS });
  }
}
