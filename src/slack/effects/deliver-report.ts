// The report job: write the file atomically, upload it to the channel, summarise to the stakeholders, tick
// 報告書作成 and archive the channel when configured. Each step leaves a link, so three clicks on Close or a
// retry after a crash still give one file, one upload and one summary.
import type { Links } from '../../app/links.js';
import { BOT_ACTOR } from '../../domain/actors.js';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apply } from '../../app/apply.js';
import type { Services } from '../../app/services.js';
import type { EffectContext } from './effect-context.js';
import { recordReportWritten } from '../../domain/incident-records.js';
import type { Incident } from '../../domain/incident.js';
import { slaFor } from '../../domain/policy.js';
import { clocks } from '../../domain/sla.js';
import { SlackPlatformError, type SlackApi } from '../slack-api.js';
import { checklistMessage } from '../views/checklist-message.js';
import { incidentHeader } from '../views/incident-header.js';
import { reportSummary } from '../views/report-summary.js';
import type { SlackMessage } from '../views/view-types.js';
import { compileReport, personLink } from '../../app/compile-report.js';
import { reportPeople } from '../../domain/report-people.js';
import type { TimelineEvent } from '../../domain/timeline.js';
import { messages } from '../i18n/messages.js';
import { isChannelId } from '../channel-id.js';
import { STAKEHOLDER_REFUSALS } from './stakeholder-refusals.js';
import { fallbackText, section } from '../views/blocks.js';

export async function deliverReport(ctx: EffectContext, incidentId: string): Promise<void> {
  const { services, slack } = ctx;
  const { config } = services;
  const timeline = await services.store.timelineAll(incidentId);
  await rememberDisplayNames(ctx, incidentId, timeline);
  const compiled = await compileReport({ ...services, locale: config.locale, timeZone: config.timeZone }, incidentId, services.now(), { timeline });
  if (!compiled.ok) throw new Error(`incident ${incidentId} not found`);
  const { incident, fileName, markdown, sha256 } = compiled.value;
  const links = await services.store.getLinks(incidentId);

  // A report holds what responders found (hosts, paths, log lines): readable by its owner only.
  await mkdir(config.reportsDir, { recursive: true, mode: 0o700 });
  const path = join(config.reportsDir, fileName);
  const temporary = `${path}.${process.pid}.tmp`;
  // Encoded once for the file and the upload: megabytes for a long incident.
  const bytes = Buffer.from(markdown, 'utf8');
  await writeFile(temporary, bytes, { mode: 0o600 });
  await rename(temporary, path);

  const channel = links['channel'];
  if (channel && !links['reportFile']) {
    const shared = await earlierUpload(ctx, incidentId, links['reportUpload']);
    const [fileId] = shared
      ? [shared]
      : await ctx.upload({
          channel,
          files: [{ filename: fileName, title: `${incident.id} report`, content: bytes }],
          reserve: async ([id]) => {
            if (id !== undefined) await ctx.link(incidentId, 'reportUpload', id);
          },
        });
    await services.store.setLink(incidentId, 'reportFile', fileId ?? 'uploaded');
  }
  const stakeholders = links['stakeholderChannel'] ?? config.stakeholderChannel;
  // A private incident's report stays in its channel and REPORTS_DIR: no summary with its details goes out. Nor
  // does one where the stakeholders were never told of the incident (its channel said why at setup).
  const summaryDue = stakeholders && !links['reportSummary'] && !links['reportSummaryRefused'] && !links['announcementRefused'];
  if (summaryDue && incident.private !== true) {
    const targets = slaFor(services.policy, incident.severity);
    const summary = reportSummary({ incident, channelId: channel, fileName, locale: config.locale, timeZone: config.timeZone, targets });
    try {
      await services.store.setLink(incidentId, 'reportSummary', await ctx.post(stakeholders, summary, undefined, `${incidentId}/reportSummary`));
    } catch (error) {
      if (!(error instanceof SlackPlatformError && STAKEHOLDER_REFUSALS.has(error.slackError))) throw error;
      // The report is delivered without its summary: the incident channel says where it did not go, once.
      services.logger.error({ incident: incidentId, channel: stakeholders, slackError: error.slackError }, 'report summary not posted: klaxon may not post in STAKEHOLDER_CHANNEL');
      if (channel) {
        const text = messages(config.locale).setup.summaryNotPosted(isChannelId(stakeholders) ? `<#${stakeholders}>` : `#${stakeholders}`, error.slackError);
        await ctx.post(channel, { text: fallbackText(text), blocks: [section(text)] }, undefined, `${incidentId}/reportSummaryRefused`);
      }
      await services.store.setLink(incidentId, 'reportSummaryRefused', error.slackError);
    }
  }
  const key = `report-${incidentId}`;
  const at = incident.status === 'closed' ? incident.closedAt : services.now();
  const recorded = await apply(services, incidentId, (i) => recordReportWritten(i, { file: fileName, sha256 }, { by: BOT_ACTOR, at, key }), key);
  // A channel klaxon did not create for the incident (it ran where it was declared) is other people's: never archived.
  if (config.archiveOnClose && channel && !links['archived'] && !links['archiveRefused'] && !links['channelFallback']) {
    // The queued re-render would find the channel archived: show the final state before archiving.
    await renderFinal(services, slack, channel, links, recorded.ok ? recorded.value.incident : incident);
    try {
      await slack.conversations.archive({ channel });
      await services.store.setLink(incidentId, 'archived', '1');
    } catch (error) {
      if (error instanceof SlackPlatformError && error.slackError === 'already_archived') await services.store.setLink(incidentId, 'archived', '1');
      else if (error instanceof SlackPlatformError && ARCHIVE_REFUSALS.has(error.slackError)) await archiveRefused(ctx, incidentId, channel, error.slackError);
      else throw error;
    }
  }
  await services.store.reportDelivered(incidentId);
  services.logger.info({ incident: incidentId, file: path, sha256 }, 'report delivered');
}

/**
 * The report an earlier attempt uploaded, when Slack completed (and so shared) it: that attempt's answer was lost
 * or it died before storing `reportFile`. An upload never completed was discarded by Slack and is made anew.
 */
async function earlierUpload(ctx: EffectContext, incidentId: string, fileId: string | undefined): Promise<string | undefined> {
  if (fileId === undefined) return undefined;
  const completed = await ctx.slack.uploadCompleted(fileId);
  // Without files:read Slack will not say: a second copy in the channel is better than no report there.
  if (completed === undefined) ctx.services.logger.warn({ incident: incidentId, file: fileId }, 'could not ask Slack whether the report was uploaded already (files:read); uploading it again');
  return completed === true ? fileId : undefined;
}

/** Slack's definite answers that klaxon may not archive this channel: no retry changes them. */
const ARCHIVE_REFUSALS = new Set(['restricted_action', 'not_in_channel', 'cant_archive_general', 'cant_archive_required', 'method_not_supported_for_channel_type', 'missing_scope']);

/** The report is delivered either way: the channel says why it stays open, once, and the job completes. */
async function archiveRefused(ctx: EffectContext, incidentId: string, channel: string, slackError: string): Promise<void> {
  const { services } = ctx;
  services.logger.warn({ incident: incidentId, channel, slackError }, 'Slack refused to archive the incident channel');
  const text = messages(services.config.locale).setup.notArchived(incidentId, slackError);
  await ctx.post(channel, { text: fallbackText(text), blocks: [section(text)] }, undefined, `${incidentId}/archiveRefused`);
  await services.store.setLink(incidentId, 'archiveRefused', slackError);
}

// The names the report shows are kept with the incident: a retried delivery or `klaxon report` later renders
// the same bytes, whatever Slack says then. Someone Slack does not know is shown by id.
async function rememberDisplayNames(ctx: EffectContext, incidentId: string, timeline: readonly TimelineEvent[]): Promise<void> {
  const { store } = ctx.services;
  const incident = await store.get(incidentId);
  if (!incident) return;
  const links = await store.getLinks(incidentId);
  for (const userId of reportPeople(incident, timeline)) {
    if (links[personLink(userId)] !== undefined) continue;
    const name = await ctx.displayName(userId);
    if (name !== undefined) await store.setLink(incidentId, personLink(userId), name);
  }
}

async function renderFinal(services: Services, slack: SlackApi, channel: string, links: Links, incident: Incident): Promise<void> {
  const view = { incident, locale: services.config.locale, timeZone: services.config.timeZone };
  const header = incidentHeader({ ...view, clocks: clocks(incident, services.now(), slaFor(services.policy, incident.severity)) });
  const targets: [string | undefined, SlackMessage][] = [[links['header'], header], [links['checklist'], checklistMessage(view)]];
  for (const [ts, message] of targets) {
    if (!ts) continue;
    try {
      await slack.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    } catch (error) {
      if (!(error instanceof SlackPlatformError && ['is_archived', 'message_not_found', 'channel_not_found'].includes(error.slackError))) throw error;
    }
  }
}
