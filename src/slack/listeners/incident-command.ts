// `/incident …`: parse, act on Redis, answer within Slack's three seconds; Slack writes happen in the queue.
import { mayChangeIncident } from '../../app/authorise.js';
import type { RespondArguments, SlashCommand } from '@slack/bolt';
import { RecordedButCutShort } from '../../app/cut-short.js';
import { declare } from '../../app/declare.js';
import { maintenanceOverview } from '../../app/maintenance.js';
import { postStatusUpdate } from '../../app/post-status-update.js';
import { requestRun } from '../../app/request-run.js';
import { resolveAndOfferVerification } from '../../app/resolve.js';
import { visibleTo } from '../../app/visible-incidents.js';
import type { Services } from '../../app/services.js';
import type { Listeners } from './dispatch-requests.js';
import type { Incident } from '../../domain/incident.js';
import type { Intent } from '../../domain/intent.js';
import { missingReportFields } from '../../domain/report-fields.js';
import { slaFor } from '../../domain/policy.js';
import { clocks } from '../../domain/sla.js';
import { messages } from '../i18n/messages.js';
import { explain, type Problem } from '../explain.js';
import type { SlackApi } from '../slack-api.js';
import { parseCommand, type IncidentCommand } from '../parse-command.js';
import { helpMessage } from '../views/help-message.js';
import { listIncidents } from '../views/list-incidents.js';
import { maintenanceListFor } from '../views/maintenance-list.js';
import { acceptedReply } from '../views/run-replies.js';
import { cutShortReply } from '../views/bot-replies.js';
import { closeModal } from '../views/close-modal.js';
import { declareModal, draftKept } from '../views/declare-modal.js';
import { LIMIT } from '../views/blocks.js';
import { statusSummary } from '../views/status-summary.js';
import type { SlackMessage } from '../views/view-types.js';
import { followUpId, parseFollowUp, teamDay } from '../../domain/follow-up-items.js';
import { followUpWords } from '../views/follow-up-words.js';
import { actorFrom } from './context.js';
import { incidentOfChannel } from '../incident-of-channel.js';
import { receivedAt, recordAction } from './record-flow.js';

type Reply = RespondArguments & { text: string };
const ephemeral = (message: SlackMessage): Reply => ({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });

export function registerIncidentCommand(app: Listeners, services: Services, slack: SlackApi): void {
  const { locale, timeZone } = services.config;
  const done = messages(locale).done;
  // The same for every caller: built once, not on each ack.
  const help = ephemeral(helpMessage(locale));

  async function inIncident(command: SlashCommand, then: (incident: Incident) => Promise<Reply | undefined>): Promise<Reply | undefined> {
    const incident = await incidentOfChannel(services.store, command.channel_id);
    if (!incident) return ephemeral(explain({ code: 'not_incident_channel' }, locale));
    return then(incident);
  }

  // Saved before the answer; "applied" when the fold finished in time, otherwise it follows in a moment.
  async function recorded(command: SlashCommand, context: Record<string, unknown>, intent: Intent, applied: string): Promise<Reply> {
    const request = { channel: command.channel_id, by: command.user_id, key: `cmd-${command.trigger_id}`, receivedAt: receivedAt(services, context) };
    const result = await recordAction(services, request, intent);
    if (!result.ok) return ephemeral(explain(result.error, locale));
    return { response_type: 'ephemeral', text: result.value === 'applied' ? applied : done.savedForFold };
  }

  async function handle(parsed: IncidentCommand, command: SlashCommand, context: Record<string, unknown>): Promise<Reply | undefined> {
    const by = command.user_id;
    const key = `cmd-${command.trigger_id}`;
    const actor = actorFrom(services, by, key);
    switch (parsed.kind) {
      case 'help':
        return help;
      case 'declare': {
        if (!parsed.severity || !parsed.title) {
          const draft = parsed.draft === undefined ? {} : { title: parsed.draft.split('\n')[0] ?? '', description: parsed.draft };
          await slack.views.open({ trigger_id: command.trigger_id, view: declareModal({ locale, severity: parsed.severity, title: parsed.title, origin: command.channel_id, private: parsed.private === true, ...draft }) });
          // More than the form's description holds: the whole text comes back to its author, nothing is lost.
          return parsed.draft !== undefined && parsed.draft.length > LIMIT.input ? ephemeral(draftKept(parsed.draft, locale)) : undefined;
        }
        const declared = await declare(services, {
          severity: parsed.severity, title: parsed.title, source: 'slack', by, key: command.trigger_id,
          ...(parsed.private ? { private: true } : {}),
          origin: { channel: command.channel_id, user: by, responseUrl: command.response_url },
        });
        if (!declared.ok) return ephemeral(explain(declared.error, locale));
        const text = done.declared(declared.value.id);
        return { response_type: 'ephemeral', text } satisfies Reply;
      }
      case 'list':
        return ephemeral(listIncidents({ incidents: await visibleTo(services, by, await services.store.listOpen()), now: services.now(), locale, timeZone }));
      case 'maintenance':
        return ephemeral(maintenanceListFor(await maintenanceOverview(services, by), locale, timeZone));
      case 'status':
        return inIncident(command, async (incident) => {
          const workers = await services.workers();
          const state = clocks(incident, services.now(), slaFor(services.policy, incident.severity));
          return ephemeral(statusSummary({ incident, clocks: state, workers, locale, timeZone }));
        });
      case 'update':
        return inIncident(command, async (incident) => {
          const result = await postStatusUpdate(services, incident.id, parsed.text, actor);
          if (!result.ok) return ephemeral(explain(result.error as Problem, locale));
          return { response_type: 'ephemeral', text: done.updatePosted };
        });
      case 'note':
        return recorded(command, context, { kind: 'note', text: parsed.text }, done.noteAdded);
      case 'severity':
        return recorded(command, context, { kind: 'severity', severity: parsed.severity }, done.severityChanged);
      case 'assign': {
        let user = 'user' in parsed ? parsed.user : undefined;
        if ('name' in parsed) {
          const found = await services.findPeople(parsed.name);
          if (found.length !== 1) return ephemeral(explain({ code: 'usage', subcommand: 'assign', reason: found.length === 0 ? 'unknown_user' : 'ambiguous_user', input: parsed.name }, locale));
          user = found[0];
        }
        return recorded(command, context, { kind: 'assign', role: parsed.role, user: user as string }, done.roleAssigned);
      }
      case 'followup': {
        const w = followUpWords(locale);
        const draft = parseFollowUp(parsed.text, { by, today: teamDay(services.now(), timeZone), kind: 'follow_up' });
        if (!draft.ok) return { response_type: 'ephemeral', text: `${w.parseError(draft.error)}\n${w.usage}` };
        const request = { channel: command.channel_id, by, key, receivedAt: receivedAt(services, context) };
        const result = await recordAction(services, request, { kind: 'followup', item: draft.value });
        if (!result.ok) return ephemeral(explain(result.error, locale));
        if (result.value !== 'applied') return { response_type: 'ephemeral', text: w.saved };
        // Applied: name the id it got (the newest follow-up with this text and owner).
        const items = (await incidentOfChannel(services.store, command.channel_id))?.actionItems ?? [];
        const index = items.map((item) => `${item.owner} ${item.text}`).lastIndexOf(`${draft.value.owner} ${draft.value.text}`);
        const item = items[index];
        return { response_type: 'ephemeral', text: item ? w.recorded(followUpId(item, index), `<@${draft.value.owner}>`, draft.value.due) : w.saved };
      }
      case 'resolve':
        return inIncident(command, async (incident) => {
          const allowed = await mayChangeIncident(services, incident, by, 'resolve', '/incident resolve');
          if (!allowed.ok) return ephemeral(explain(allowed.error, locale));
          const result = await resolveAndOfferVerification(services, incident.id, actor);
          if (!result.ok) return ephemeral(explain(result.error as Problem, locale));
          return { response_type: 'ephemeral', text: done.recoveryRecorded };
        });
      case 'close':
        return inIncident(command, async (incident) => {
          // Who may comes before when: a stakeholder is told whom to ask, not to resolve first.
          const allowed = await mayChangeIncident(services, incident, by, 'close', '/incident close');
          if (!allowed.ok) return ephemeral(explain(allowed.error, locale));
          if (incident.status !== 'resolved') return ephemeral(explain({ code: 'not_resolved', message: 'resolve first' }, locale));
          const missing = missingReportFields(incident.severity, incident.report);
          await slack.views.open({ trigger_id: command.trigger_id, view: closeModal({ incident, missingFields: missing, prefill: incident.report, locale }) });
          return undefined;
        });
      case 'run':
        return inIncident(command, async (incident) => {
          const decision = await requestRun(services, { incident, commandId: parsed.commandId, params: parsed.params, by, key, ...(parsed.host ? { host: parsed.host } : {}) });
          if (!decision.ok) return ephemeral(explain(decision.error, locale));
          return ephemeral(acceptedReply(decision.value, locale));
        });
    }
  }

  /**
   * The command's answer; when Redis failed after the action was recorded, that it stands and will be finished;
   * otherwise a short apology when something unexpected broke (logged with its stack).
   */
  async function answer(parsed: IncidentCommand, command: SlashCommand, context: Record<string, unknown>): Promise<Reply | undefined> {
    try {
      return await handle(parsed, command, context);
    } catch (error) {
      if (error instanceof RecordedButCutShort) {
        services.logger.warn({ err: error.message, subcommand: parsed.kind, user: command.user_id }, '/incident recorded, then cut short: a later look finishes it');
        return ephemeral(cutShortReply(error.recorded, services.catalogue, locale));
      }
      services.logger.error({ err: error, subcommand: parsed.kind, user: command.user_id }, '/incident failed');
      return ephemeral(explain({ code: 'unexpected' }, locale));
    }
  }

  app.command('/incident', async ({ command, ack, respond, context }) => {
    const parsed = parseCommand(command.text);
    if (!parsed.ok) return ack(ephemeral(explain(parsed.error, locale)));
    // Modals need the trigger_id within ~3 s: acknowledge first, then open them.
    const opensModal = (parsed.value.kind === 'declare' && !(parsed.value.severity && parsed.value.title)) || parsed.value.kind === 'close';
    if (opensModal) {
      await ack();
      const reply = await answer(parsed.value, command, context);
      if (reply) await respond(reply);
      return;
    }
    // A failure must still be acknowledged: otherwise Slack waits 3 s and shows its own timeout error.
    await ack(await answer(parsed.value, command, context));
  });
}
