// Buttons and menus in incident messages. Each acknowledges at once, then records through the store.
import { mayChangeIncident } from '../../app/authorise.js';
import type { RespondFn, BlockAction, ButtonAction, OverflowAction, StaticSelectAction, UsersSelectAction } from '@slack/bolt';
import { RecordedButCutShort, suiteCutShort } from '../../app/cut-short.js';
import { decideApproval, requestRun, RUN_REPEAT_WINDOW_SECONDS, startRun } from '../../app/request-run.js';
import { resolveAndOfferVerification } from '../../app/resolve.js';
import type { Services } from '../../app/services.js';
import type { Listeners } from './dispatch-requests.js';
import type { ChecklistItemId } from '../../domain/checklist.js';
import { CHECKLIST_ITEMS } from '../../domain/checklist.js';
import type { Incident } from '../../domain/incident.js';
import type { Intent } from '../../domain/intent.js';
import { missingReportFields } from '../../domain/report-fields.js';
import { parseSeverity } from '../../domain/severity.js';
import { explain, type Problem } from '../explain.js';
import type { SlackApi } from '../slack-api.js';
import { ACTION } from '../ids.js';
import { closeModal } from '../views/close-modal.js';
import { updateModal } from '../views/update-modal.js';
import { acceptedReply, noWorkerReply } from '../views/run-replies.js';
import { cutShortReply } from '../views/bot-replies.js';
import type { SlackMessage } from '../views/view-types.js';
import type { EarlyIncidentReads } from '../early-incident-reads.js';
import { actorFrom } from './context.js';
import { receivedAt, recordAction } from './record-flow.js';

type ActionArgs = { body: BlockAction; respond?: RespondFn };

export function registerActions(app: Listeners, services: Services, slack: SlackApi, early: Pick<EarlyIncidentReads, 'incidentOf'>): void {
  const { locale } = services.config;

  async function tell(args: ActionArgs, message: SlackMessage): Promise<void> {
    const channel = args.body.channel?.id;
    if (!channel) return;
    try {
      await slack.chat.postEphemeral({ channel, user: args.body.user.id, text: message.text, blocks: message.blocks });
    } catch (error) {
      // Someone who is not a member (user_not_in_channel) still gets the answer through the click's response_url.
      await args.respond?.({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks }).catch((fallback: Error) => {
        services.logger.warn({ err: (error as Error).message, fallback: fallback.message }, 'could not send an ephemeral reply');
      });
    }
  }
  const problem = (args: ActionArgs, p: Problem) => tell(args, explain(p, locale));

  /**
   * Runs an action on the incident of the channel the click came from. When Redis failed after the action was
   * recorded, the person is told that it stands and will be finished, not the apology for the unexpected.
   */
  function onIncident(actionId: string, handler: (incident: Incident, args: ActionArgs & { action: BlockAction['actions'][number] }) => Promise<void>) {
    app.action<BlockAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const incident = await early.incidentOf(body, body.channel?.id);
      if (!incident) return problem({ body, respond }, { code: 'not_incident_channel' });
      try {
        await handler(incident, { body, action, respond });
      } catch (error) {
        if (!(error instanceof RecordedButCutShort)) throw error;
        services.logger.warn({ err: error.message, action: actionId, user: body.user.id }, 'click recorded, then cut short: a later look finishes it');
        await tell({ body, respond }, cutShortReply(error.recorded, services.catalogue, locale));
      }
    });
  }

  const keyOf = (body: BlockAction) => `click-${body.trigger_id ?? body.actions[0]?.action_ts}`;

  // Actions that change the record are saved before the ack, so a 200 means durable: a person whose action
  // could not be saved in time is told so (through response_url, which needs no Redis).
  function onRecorded(actionId: string, intentOf: (action: BlockAction['actions'][number], body: BlockAction) => Intent | undefined) {
    app.action<BlockAction>(actionId, async ({ ack, body, action, respond, context }) => {
      const intent = intentOf(action, body);
      if (!intent) return ack();
      const channel = body.channel?.id;
      const request = { channel, incident: early.incidentOf(body, channel), by: body.user.id, key: keyOf(body), receivedAt: receivedAt(services, context) };
      const result = await recordAction(services, request, intent);
      await ack();
      if (!result.ok) await problem({ body, respond }, result.error);
    });
  }

  onRecorded(ACTION.checklistToggle, (action) => {
    const item = (action as ButtonAction).value;
    return CHECKLIST_ITEMS.some((i) => i.id === item) ? { kind: 'toggle', item: item as ChecklistItemId } : undefined;
  });

  onRecorded(ACTION.acknowledge, () => ({ kind: 'acknowledge' }));

  // "I'll lead" and the commander picker of the header (the policy's check is in recordAction).
  onRecorded(ACTION.takeLead, (_action, body) => ({ kind: 'assign', role: 'commander', user: body.user.id }));
  onRecorded(ACTION.assignCommander, (action) => {
    const user = (action as UsersSelectAction).selected_user;
    return user ? { kind: 'assign', role: 'commander', user } : undefined;
  });

  // A follow-up card's button: the id is the card's own; the fold refuses one the incident does not have.
  for (const [actionId, state] of [[ACTION.followUpDone, 'done'], [ACTION.followUpReopen, 'open']] as const) {
    onRecorded(actionId, (action) => {
      const item = (action as ButtonAction).value ?? '';
      return /^F\d{1,5}$/.test(item) ? { kind: 'followup_state', item, state } : undefined;
    });
  }

  onIncident(ACTION.resolve, async (incident, args) => {
    const allowed = await mayChangeIncident(services, incident, args.body.user.id, 'resolve', '/incident resolve');
    if (!allowed.ok) return problem(args, allowed.error);
    const key = keyOf(args.body);
    const result = await resolveAndOfferVerification(services, incident.id, actorFrom(services, args.body.user.id, key));
    if (!result.ok) await problem(args, result.error as Problem);
  });

  onRecorded(ACTION.severityMenu, (action) => {
    const chosen = parseSeverity((action as OverflowAction).selected_option?.value ?? '');
    return chosen.ok ? { kind: 'severity', severity: chosen.value } : undefined;
  });

  onIncident(ACTION.postUpdate, async (incident, args) => {
    await slack.views.open({ trigger_id: args.body.trigger_id, view: updateModal({ incident, locale }) });
  });

  onIncident(ACTION.close, async (incident, args) => {
    const allowed = await mayChangeIncident(services, incident, args.body.user.id, 'close', '/incident close');
    if (!allowed.ok) return problem(args, allowed.error);
    if (incident.status !== 'resolved') return problem(args, { code: 'not_resolved', message: 'resolve first' });
    const missing = missingReportFields(incident.severity, incident.report);
    await slack.views.open({ trigger_id: args.body.trigger_id, view: closeModal({ incident, missingFields: missing, prefill: incident.report, locale }) });
  });

  onIncident(ACTION.playbookSelect, async (incident, args) => {
    const playbookId = (args.action as StaticSelectAction).selected_option?.value;
    const playbook = services.playbooks.find((p) => p.id === playbookId);
    if (!playbook) return;
    await services.effects.enqueue(
      { name: 'playbook', data: { incidentId: incident.id, playbookId: playbook.id, startedAt: services.now() } },
      `playbook-${incident.id}-${playbook.id}-${keyOf(args.body)}`,
    );
  });

  async function run(incident: Incident, args: ActionArgs, commandId: string, params: Record<string, string>, key: string): Promise<void> {
    const decision = await requestRun(services, { incident, commandId, params, by: args.body.user.id, key });
    if (!decision.ok) return problem(args, decision.error);
    await tell(args, acceptedReply(decision.value, locale));
  }

  onIncident(ACTION.runCommand, async (incident, args) => {
    const { commandId, params } = JSON.parse((args.action as ButtonAction).value ?? '{}') as { commandId?: string; params?: Record<string, string> };
    if (commandId) await run(incident, args, commandId, params ?? {}, keyOf(args.body));
  });

  // "Run all" of the §8.1 suite: every verification command of the playbook, each as its own run, shown
  // together in one summary message (no answer per run). Only a suite that started nothing answers the click.
  onIncident(ACTION.runSuite, async (incident, args) => {
    const playbook = services.playbooks.find((p) => p.id === (args.action as ButtonAction).value);
    if (!playbook) return;
    const commandIds = [...new Set(playbook.steps.flatMap((step) => step.commands))];
    const key = keyOf(args.body);
    const suite = `${incident.id}-${key}`;
    const by = args.body.user.id;
    // Quick repeat clicks on Run all are one suite, not runs shared out between several summaries.
    if ((await services.once.hold(`suite-window-${incident.id}-${by}-${playbook.id}`, suite, RUN_REPEAT_WINDOW_SECONDS)) !== suite) return problem(args, { code: 'duplicate' });
    const decisions: { readonly command: string; readonly decision: Awaited<ReturnType<typeof requestRun>> }[] = [];
    // Each run is asked for on the incident as the one before it stored it: its record then needs no second read.
    let current = incident;
    for (const command of commandIds) {
      const decision = await requestRun(services, { incident: current, commandId: command, params: {}, by, key: `${key}-${command}`, suite, hold: true }).catch((error: unknown) => {
        throw suiteCutShort(decisions.flatMap(({ decision: d }) => (d.ok ? [d.value.run] : [])), commandIds, command, error);
      });
      if (decision.ok && decision.value.state === 'queued') current = decision.value.incident;
      decisions.push({ command, decision });
    }
    const started = decisions.flatMap(({ decision }) => (decision.ok ? [decision.value.run] : []));
    const first = started[0];
    if (first === undefined) {
      const refusal = decisions.find(({ decision }) => !decision.ok)?.decision;
      if (refusal && !refusal.ok) await problem(args, refusal.error);
      return;
    }
    const entries = decisions.map(({ command, decision }) => (decision.ok ? { command, runId: decision.value.run.runId } : { command, refused: explain(decision.error, locale).text }));
    const queued = decisions.flatMap(({ decision }) => (decision.ok && decision.value.state === 'queued' ? [decision.value.run] : []));
    // Every run is recorded by now: a failure from here on leaves them to a later look, which hands them over.
    await (async () => {
      await services.effects.enqueue(
        { name: 'run-suite', data: { incidentId: incident.id, suite: { id: suite, playbookId: playbook.id, by, host: first.host, startedAt: services.now(), entries } } },
        `suite-${suite}`,
      );
      // Only now do the runs go to the host: the summary, whose thread their results go in, is queued before any of their events.
      for (const run of queued) await startRun(services, run);
    })().catch((error: unknown) => {
      throw new RecordedButCutShort({ kind: 'suite', runs: queued }, error);
    });
    if (decisions.some(({ decision }) => decision.ok && !decision.value.workerOnline)) await tell(args, noWorkerReply({ host: first.host, locale }));
  });

  for (const [actionId, approve] of [[ACTION.approve, true], [ACTION.deny, false]] as const) {
    onIncident(actionId, async (incident, args) => {
      const runId = (args.action as ButtonAction).value ?? '';
      const decided = await decideApproval(services, { runId, incidentId: incident.id, by: args.body.user.id, approve });
      if (!decided.ok) return problem(args, decided.error);
      // The request message shows the decision; only a run that will wait for a worker needs words of its own.
      if (decided.value.state === 'queued' && !decided.value.workerOnline) await tell(args, noWorkerReply({ host: decided.value.run.host, locale }));
    });
  }
}
