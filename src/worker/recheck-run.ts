// The worker's own check of a queued run against the role policy. The host has no Slack token, so it cannot
// expand user groups: the bot checks groups, the worker checks what it can — approvals and user ids.
import type { CommandSpec } from '../domain/catalogue.js';
import type { Policy, SlackRef } from '../domain/policy.js';
import { scheduledJobRefusal, SYSTEM_ACTOR, type EntrySlot } from '../domain/scheduled-work.js';

export interface RunPeople {
  readonly requestedBy: string;
  readonly approvedBy?: string;
  /** A scheduled maintenance entry: its authority is the plan in the host's policy, not a person's role. */
  readonly maintenance?: { readonly planId: string; readonly slot: EntrySlot };
}

// Whether a role list proves that `userId` is out: only a list of users can, a group might hold anyone.
const provablyOutside = (refs: readonly SlackRef[], userId: string): boolean =>
  refs.length > 0 && refs.every((ref) => 'user' in ref) && !refs.some((ref) => 'user' in ref && ref.user === userId);

/**
 * Why the host refuses this run, or undefined when it may run. Without a policy only approvals are checked.
 * @example recheckRun(undefined, { risk: 'destructive', requiresApproval: true, … }, { requestedBy: 'U1' }) //=> 'needs the approval of a second person'
 */
export function recheckRun(policy: Policy | undefined, spec: CommandSpec, people: RunPeople, params: Readonly<Record<string, string>> = {}): string | undefined {
  if (people.maintenance !== undefined || people.requestedBy === SYSTEM_ACTOR) {
    // Nobody is there to approve at 06:00, and only the policy's own plans may run without a person.
    if (spec.requiresApproval) return 'a scheduled run cannot carry a second person\'s approval';
    if (people.maintenance === undefined || people.requestedBy !== SYSTEM_ACTOR) return 'a scheduled run must come from the scheduler';
    if (!policy) return undefined;
    return scheduledJobRefusal(policy.maintenance, { ...people.maintenance, commandId: spec.id, params });
  }
  if (spec.requiresApproval) {
    if (!people.approvedBy) return 'needs the approval of a second person';
    if (people.approvedBy === people.requestedBy) return 'self-approval is not allowed';
  }
  if (!policy) return undefined;
  const { roles } = policy;
  if (spec.risk === 'destructive') {
    if (roles.destructive.length === 0) return "the worker's policy gives no one the destructive role";
    // A run that needed approval may be asked for by any responder: the approver (checked below) holds the role.
    if (!spec.requiresApproval && provablyOutside(roles.destructive, people.requestedBy)) return `${people.requestedBy} does not hold the destructive role`;
  }
  if (spec.risk === 'mutating' && provablyOutside(roles.mutating, people.requestedBy)) return `${people.requestedBy} does not hold the mutating role`;
  if (spec.requiresApproval && people.approvedBy) {
    const approvers = roles.approvers.length > 0 ? roles.approvers : roles.destructive;
    if (provablyOutside(approvers, people.approvedBy)) return `${people.approvedBy} is not an approver`;
  }
  return undefined;
}
