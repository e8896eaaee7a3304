// Who may change an incident. Stakeholders read; the commander (対応責任者) and the responders the policy
// names change the lifecycle. A refusal is a value that says which command, which role it needs and whom
// to ask, so the person refused knows what to do next.
import type { Risk } from './catalogue.js';
import type { Incident, UserId } from './incident.js';
import { approversOf, matchesRef, mayApprove, mayRun, type Policy, type SlackRef } from './policy.js';
import { err, ok, type Result } from './result.js';
import { SEVERITIES, type Severity } from './severity.js';

/** What the policy guards on an incident (reading it, posting notes and updates, raising severity are open). */
export type GuardedAction = 'resolve' | 'close' | 'reopen' | 'severity_down' | 'assign' | 'request_approval' | 'run' | 'approve';

/** The role a refused action needed. */
export type NeededRole = 'commander_or_responder' | 'responder' | 'mutating' | 'destructive' | 'approver';

export interface NotAllowed {
  readonly code: 'not_allowed';
  readonly action: GuardedAction;
  /** The command as typed (`resolve`, `severity low`) or the catalogue command id of a run. */
  readonly command: string;
  readonly needs: NeededRole;
  /** Whom to ask: the commander first, then the people and groups the policy names for this. */
  readonly ask: readonly SlackRef[];
  /** Slack had not listed the user groups: the person's role could not be checked, and may be there. */
  readonly groupsUnknown?: true;
}

export interface Person {
  readonly id: UserId;
  /** The user groups (`S…`) the person is in now. */
  readonly groups: readonly string[];
}

const uniqueRefs = (refs: readonly SlackRef[]): SlackRef[] => {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = 'user' in ref ? `u:${ref.user}` : `g:${ref.usergroup}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/**
 * The responders the policy names: `authority.responders` when set, otherwise everyone it names anywhere
 * (the §11.1 ladder, the invited responders, the run roles). A policy that names nobody cannot tell a
 * stakeholder from a responder, so then everyone counts (`null`).
 */
export function namedResponders(policy: Policy): readonly SlackRef[] | null {
  if (policy.authority.responders.length > 0) return policy.authority.responders;
  const all = uniqueRefs([
    ...policy.escalation.levels.flatMap((level) => level.members),
    ...SEVERITIES.flatMap((severity) => policy.responders[severity]),
    ...policy.roles.mutating,
    ...policy.roles.destructive,
    ...policy.roles.approvers,
  ]);
  return all.length === 0 ? null : all;
}

const isResponder = (policy: Policy, person: Person): boolean => {
  const named = namedResponders(policy);
  return named === null || matchesRef(named, person.id, person.groups);
};

const commanderRef = (incident: Incident): SlackRef[] => (incident.roles.commander === undefined ? [] : [{ user: incident.roles.commander }]);

const forbidden = (action: GuardedAction, command: string, needs: NeededRole, ask: readonly SlackRef[]): Result<never, NotAllowed> =>
  err({ code: 'not_allowed', action, command, needs, ask: uniqueRefs(ask) });

/**
 * Whether a person may do a lifecycle action: resolve, close, reopen, lower the severity, assign roles.
 * The commander always may; otherwise a responder the policy names.
 * @example mayChange(policy, incident, { id: 'U0STAKE', groups: [] }, 'resolve', 'resolve') //=> { ok: false, error: { code: 'not_allowed', needs: 'commander_or_responder', … } }
 */
export function mayChange(
  policy: Policy,
  incident: Incident,
  person: Person,
  action: Extract<GuardedAction, 'resolve' | 'close' | 'reopen' | 'severity_down' | 'assign'>,
  command: string,
): Result<void, NotAllowed> {
  if (incident.roles.commander === person.id || isResponder(policy, person)) return ok(undefined);
  return forbidden(action, command, 'commander_or_responder', [...commanderRef(incident), ...(namedResponders(policy) ?? [])]);
}

/** A refusal made while the person's groups were not known says so: their role may be there. */
export function unlessGroupsUnknown<T>(decision: Result<T, NotAllowed>, groupsKnown: boolean): Result<T, NotAllowed> {
  return decision.ok || groupsKnown ? decision : err({ ...decision.error, groupsUnknown: true });
}

// A change of severity downwards makes the clocks looser and the ladder shorter: it is guarded; up is open.
export const lowers = (from: Severity, to: Severity): boolean => SEVERITIES.indexOf(to) > SEVERITIES.indexOf(from);

/**
 * Whether a person may run a command of this risk, or only ask for it. Read-only: anyone. Mutating:
 * `roles.mutating` (anyone while empty). Destructive: `roles.destructive`. A command that needs a second
 * person's approval may be requested by anyone `authority.requestApproval` names (default: any responder),
 * since the approver is the check.
 */
export function mayRequestRun(
  policy: Policy,
  incident: Incident,
  person: Person,
  spec: { readonly id: string; readonly risk: Risk; readonly requiresApproval?: boolean },
): Result<void, NotAllowed> {
  if (spec.requiresApproval === true) {
    const askers = policy.authority.requestApproval;
    const allowed = askers.length > 0 ? matchesRef(askers, person.id, person.groups) : isResponder(policy, person);
    return allowed ? ok(undefined) : forbidden('request_approval', spec.id, 'responder', [...commanderRef(incident), ...(askers.length > 0 ? askers : namedResponders(policy) ?? [])]);
  }
  if (mayRun(policy, person.id, person.groups, spec.risk)) return ok(undefined);
  const needs = spec.risk === 'destructive' ? 'destructive' : 'mutating';
  return forbidden('run', spec.id, needs, policy.roles[needs]);
}

export function mayApproveRun(policy: Policy, person: Person, commandId: string): Result<void, NotAllowed> {
  return mayApprove(policy, person.id, person.groups) ? ok(undefined) : forbidden('approve', commandId, 'approver', approversOf(policy));
}
