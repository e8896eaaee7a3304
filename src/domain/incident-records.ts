// Records of what people and klaxon say about an incident: severity, roles, notes, status updates, pins,
// attached alerts, the stakeholder announcement and the saved report. Each runs under the shared rules of `act`.
import type { Actor, Incident, IncidentRole, Instant, UserId } from './incident.js';
import { act, fail, nonBlank, type Step, type TransitionResult } from './lifecycle.js';
import { ok } from './result.js';
import type { Severity } from './severity.js';

// Re-rates the incident; the clocks follow because they are computed from the severity.
export function changeSeverity(incident: Incident, to: Severity, actor: Actor): TransitionResult {
  return act(
    incident,
    actor,
    (current) =>
      current.severity === to
        ? fail('no_change', `${current.id} is ${to} already`)
        : ok({ incident: { ...current, severity: to }, events: [{ type: 'severity_changed', from: current.severity, to }] }),
    { acknowledges: true },
  );
}

// Gives a person an incident role (commander, comms, scribe, responder).
export function assignRole(incident: Incident, role: IncidentRole, user: UserId, actor: Actor): TransitionResult {
  return act(
    incident,
    actor,
    (current) =>
      current.roles[role] === user
        ? fail('no_change', `${user} is ${role} already`)
        : ok({ incident: { ...current, roles: { ...current.roles, [role]: user } }, events: [{ type: 'role_assigned', role, user }] }),
    { acknowledges: true },
  );
}

const textStep = (type: 'note' | 'update_posted', text: string) => (current: Incident) =>
  nonBlank(text) ? ok<Step>({ incident: current, events: [{ type, text: text.trim() }] }) : fail('usage', 'the text is empty');

// A free-form note on the timeline.
export function addNote(incident: Incident, text: string, actor: Actor): TransitionResult {
  return act(incident, actor, textStep('note', text), { acknowledges: true });
}

// A status update for stakeholders; it is the evidence of the interim report (中間報告).
// The record keeps the latest one (as written) for the announcement and the interim cadence.
export function postUpdate(incident: Incident, text: string, actor: Actor): TransitionResult {
  const step = textStep('update_posted', text);
  return act(incident, actor, (current) => {
    const posted = step(current);
    return posted.ok ? ok({ ...posted.value, incident: { ...posted.value.incident, latestUpdate: { text, by: actor.by, at: actor.at } } }) : posted;
  }, { acknowledges: true });
}

export interface PinnedMessage {
  readonly text: string;
  readonly author: UserId;
  readonly originalAt: Instant;
}

// A 📌 on a message: the event carries the message's own time, and when it was pinned.
export function pinMessage(incident: Incident, message: PinnedMessage, actor: Actor): TransitionResult {
  const result = act(incident, actor, (current) =>
    nonBlank(message.text)
      ? ok({ incident: current, events: [{ type: 'pinned', text: message.text, author: message.author, pinnedAt: actor.at }] })
      : fail('usage', 'the pinned message is empty'),
  );
  if (!result.ok) return result;
  const events = result.value.events.map((event) => (event.type === 'pinned' ? { ...event, at: message.originalAt } : event));
  return ok({ ...result.value, events });
}

// An alert that fired again (or a related one) joins the open incident instead of opening another.
export function attachAlert(incident: Incident, alert: { readonly alertId: string; readonly title: string; readonly source: string }, actor: Actor): TransitionResult {
  return act(incident, actor, (current) =>
    current.status === 'declared' || current.status === 'acknowledged'
      ? ok({ incident: current, events: [{ type: 'alert_attached', ...alert }] })
      : fail('not_open', `${current.id} is ${current.status}`, { status: current.status }),
  );
}

// The §9.2 report was saved; it is compiled at close, so this is allowed on a closed incident.
export function recordReportWritten(incident: Incident, report: { readonly file: string; readonly sha256: string }, actor: Actor): TransitionResult {
  return act(
    incident,
    actor,
    (current) =>
      current.status === 'resolved' || current.status === 'closed'
        ? ok({ incident: current, events: [{ type: 'report_written', ...report }] })
        : fail('not_resolved', `${current.id} is not resolved`, { status: current.status }),
    { allowClosed: true },
  );
}

// The announcement reached the stakeholders channel (関係者通知).
export function recordStakeholdersNotified(incident: Incident, actor: Actor): TransitionResult {
  return act(incident, actor, (current) => ok({ incident: current, events: [], ticks: ['stakeholders_notified'] }));
}
