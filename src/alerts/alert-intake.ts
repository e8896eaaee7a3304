// What one alert does: join the open incident of its fingerprint, or declare one (once, even when several
// deliveries race, and within the declaration budgets), or add a "resolved" note. Redis only:
// any Slack work is queued, and repeats reach Slack at most once per fingerprint per quiet period.
import { alertActor } from '../domain/actors.js';
import type { Services } from '../app/services.js';
import { declare } from '../app/declare.js';
import type { Incident } from '../domain/incident.js';
import { addNote, attachAlert } from '../domain/incident-records.js';
import type { TransitionResult } from '../domain/lifecycle.js';
import type { Severity } from '../domain/severity.js';
import { isOpen, linkHolder } from '../app/link-holder.js';
import { alertLink } from '../app/links.js';
import type { AlertWords } from '../slack/views/alert-words.js';
import type { DeclareWindow } from '../store/declare-window.js';
import { occurrenceKey, type IncomingAlert } from './incoming-alert.js';

export type IntakeOutcome =
  | { readonly kind: 'declared'; readonly incidentId: string }
  | { readonly kind: 'attached'; readonly incidentId: string; readonly duplicate: boolean }
  | { readonly kind: 'ignored'; readonly reason: 'info' | 'state' | 'no_incident' }
  /** A concurrent delivery claimed the declaration but its incident did not appear in time: retry later. */
  | { readonly kind: 'pending' };

export interface IntakeOptions {
  /** New incidents per budget (a webhook route with its token) per rolling minute; beyond it alerts join the newest alert incident. */
  readonly declarationsPerMinute: number;
  /** New incidents from all alerts per rolling minute (Slack's conversations.create allows about 20). */
  readonly globalDeclarationsPerMinute: number;
  /** How long a delivery waits for the incident a concurrent delivery of its fingerprint is declaring. */
  readonly waitMs: number;
  /** At most one Slack post per fingerprint and incident in this many minutes. */
  readonly quietMinutes: number;
  /** How long one delivery holds the declaration of a fingerprint: long enough for a slow declaration. */
  readonly claimSeconds: number;
}

export const INTAKE_DEFAULTS: IntakeOptions = { declarationsPerMinute: 10, globalDeclarationsPerMinute: 20, waitMs: 5000, quietMinutes: 5, claimSeconds: 60 };

export interface AlertIntake {
  /** `budget` names who sent it as the request proved it (its credential), never anything from the body. */
  intake(alert: IncomingAlert, budget: string): Promise<IntakeOutcome>;
}

const POLL_MS = 25;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(probe: () => Promise<T | undefined>, waitMs: number): Promise<T | undefined> {
  for (let waited = 0; ; waited += POLL_MS) {
    const found = await probe();
    if (found !== undefined || waited >= waitMs) return found;
    await pause(POLL_MS);
  }
}

/** What the intake needs from other adapters; the composition root builds it. */
export interface AlertIntakeDeps {
  /** The texts of notes and posts, in the deployment's language. */
  readonly words: AlertWords;
  /** Sliding windows of declarations: `limit` a minute per budget, `globalLimit` a minute over all. */
  readonly declareWindow: (limit: number, globalLimit: number) => DeclareWindow;
}

export function createAlertIntake(services: Services, deps: AlertIntakeDeps, options: Partial<IntakeOptions> = {}): AlertIntake {
  const settings = { ...INTAKE_DEFAULTS, ...options };
  const { words } = deps;
  const window = deps.declareWindow(settings.declarationsPerMinute, settings.globalDeclarationsPerMinute);
  const quietSeconds = settings.quietMinutes * 60;
  const { store } = services;

  const linked = (alert: IncomingAlert) => store.findByLink(alertLink(alert.fingerprint), alert.fingerprint);
  const attachKey = (alert: IncomingAlert) => `alert-${alert.fingerprint}-${occurrenceKey(alert.occurrence)}`;

  // Timeline only, no re-render: nothing an alert adds changes the header, checklist or announcement.
  const record = (incidentId: string, transition: (incident: Incident) => TransitionResult, key: string) =>
    store.update(incidentId, transition, { idempotencyKey: key });

  const post = async (incidentId: string, claim: string, message: { text: string }) => {
    if (!(await services.once.claim(claim, quietSeconds))) return;
    await services.effects.enqueue({ name: 'note', data: { incidentId, text: message.text } });
  };

  async function attach(incident: Incident, alert: IncomingAlert, announce: 'repeat' | 'overflow'): Promise<IntakeOutcome | undefined> {
    const key = attachKey(alert);
    const actor = { by: alertActor(alert.sender), at: services.now(), key };
    const body = { alertId: alert.alertId, title: alert.title, source: alert.origin };
    // Appended to the timeline only: an alert changes nothing on the incident record, so a storm never
    // rewrites it (nor races people's changes to it). The event id is the key, so a redelivery adds nothing.
    const sealed = attachAlert(incident, body, actor);
    if (!sealed.ok) return undefined;
    const added = await store.appendEvents(incident.id, sealed.value.events);
    if (!added.ok) return undefined;
    const duplicate = added.value === 0;
    if (!duplicate) {
      const message = announce === 'repeat' ? words.repeatPost(alert, settings.quietMinutes) : words.overflowPost(alert, settings.declarationsPerMinute, settings.quietMinutes);
      await post(incident.id, `alert-post:${incident.id}:${alert.fingerprint}`, message);
    }
    return { kind: 'attached', incidentId: incident.id, duplicate };
  }

  // The newest open incident that an alert declared: where a storm's overflow goes.
  const newestAlertIncident = () => poll(async () => (await store.listOpen()).find((i) => i.source === 'alert' && isOpen(i)), settings.waitMs);

  // Undefined when another incident took the fingerprint first: the caller joins that one.
  async function declareFor(alert: IncomingAlert, severity: Severity, predecessor: string | undefined, budget: string): Promise<IntakeOutcome | undefined> {
    const by = alertActor(alert.sender);
    const key = `alert-${alert.fingerprint}-${predecessor ?? 'first'}`;
    if (!(await window.acquire(budget, key, services.now()))) {
      const target = await newestAlertIncident();
      if (target) {
        await store.setLink(target.id, alertLink(alert.fingerprint), alert.fingerprint);
        const actor = { by, at: services.now(), key: `${attachKey(alert)}-overflow` };
        await record(target.id, (i) => addNote(i, words.overflowNote(alert, settings.declarationsPerMinute), actor), actor.key);
        const attached = await attach(target, alert, 'overflow');
        if (attached) return attached;
      }
      services.logger.warn({ sender: alert.sender, fingerprint: alert.fingerprint }, 'alert declarations over the limit, but no open alert incident to join: declaring');
    }
    // The fingerprint is linked in the step that stores the incident: a redelivery after any crash finds it.
    const claim = { key: alertLink(alert.fingerprint), value: alert.fingerprint, replaces: predecessor };
    // The declaring alert is on the timeline from the first step too, so a redelivery of it is a duplicate.
    const attached = { alertId: alert.alertId, title: alert.title, source: alert.origin, key: attachKey(alert) };
    const declared = await declare(services, { severity, title: alert.title, detectedAt: alert.at, source: 'alert', by, key, alert: attached }, claim);
    if (!declared.ok) {
      const { error } = declared;
      if (error.code === 'taken') return undefined;
      throw new Error(`alert ${alert.alertId} cannot be declared: ${error.message}`);
    }
    return { kind: 'declared', incidentId: declared.value.id };
  }

  async function firing(alert: IncomingAlert, budget: string): Promise<IntakeOutcome> {
    for (let round = 0; round < 3; round += 1) {
      const holder = await linkHolder(services, alertLink(alert.fingerprint), alert.fingerprint);
      if (holder.open) {
        const attached = await attach(holder.open, alert, 'repeat');
        if (attached) return attached;
        continue; // it was resolved or closed meanwhile
      }
      if (alert.level === 'info') return { kind: 'ignored', reason: 'info' };
      // One claim per fingerprint and predecessor: concurrent first deliveries declare exactly once.
      const generation = holder.replaces ?? 'first';
      if (await services.once.claim(`alert-declare:${alert.fingerprint}:${generation}`, settings.claimSeconds)) {
        const declared = await declareFor(alert, alert.level, holder.replaces, budget);
        if (declared) return declared;
        continue;
      }
      const successor = await poll(async () => {
        const found = await linked(alert);
        return found && found.id !== holder.replaces ? found : undefined;
      }, settings.waitMs);
      if (!successor) return { kind: 'pending' };
    }
    return { kind: 'pending' };
  }

  // A person confirms recovery (runbook §8): a resolved alert is a note and a hint, never a resolve.
  async function resolved(alert: IncomingAlert): Promise<IntakeOutcome> {
    const incident = await linked(alert);
    if (!incident || incident.status === 'closed') return { kind: 'ignored', reason: 'no_incident' };
    const actor = { by: alertActor(alert.sender), at: services.now(), key: `${attachKey(alert)}-resolved` };
    const result = await record(incident.id, (i) => addNote(i, words.resolvedNote(alert), actor), actor.key);
    if (!result.ok) return { kind: 'ignored', reason: 'no_incident' };
    if (!result.value.duplicate && isOpen(result.value.incident)) {
      await post(incident.id, `alert-resolved-post:${incident.id}:${alert.fingerprint}`, words.resolvedPost(alert));
    }
    return { kind: 'attached', incidentId: incident.id, duplicate: result.value.duplicate };
  }

  return {
    intake(alert, budget) {
      if (alert.status === 'ignored') return Promise.resolve({ kind: 'ignored', reason: 'state' });
      return alert.status === 'resolved' ? resolved(alert) : firing(alert, budget);
    },
  };
}
