// What real workspaces answer and the bot must live with: people Slack will not invite, workspaces where only
// admins create channels, a stakeholder channel klaxon was never invited to, replies in channels klaxon is not
// in, and Slack's definite refusals (not retried).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_USERGROUPS, DEFAULT_USERS } from '../../src/sandbox/emulator/default-workspace.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { command, deliveredReport, openCloseModal, submitClose } from '../report/incident-journey.js';

const GUEST = 'U0GUEST';
const GONE = 'U0GONE';

/** Setup's three messages in the incident channel, whatever else is there. */
async function incidentChannel(k: Klaxon, title: string) {
  const channel = await eventually(() => k.emulator.channels().find((c) => c.name.endsWith(title.toLowerCase().replaceAll(' ', '-'))), 'the incident channel');
  const messages = await eventually(() => {
    const all = k.emulator.messages(channel.id);
    return all.length >= 3 ? all : undefined;
  }, 'header, checklist and playbook offer', 20_000);
  return { channel, messages };
}

describe('a real workspace', () => {
  let k: Klaxon | undefined;
  afterEach(async () => {
    await k?.stop();
    k = undefined;
  });

  it('invites the responders it can in one call, names the guest and the deactivated account with the reason, and completes setup', async () => {
    k = await startKlaxon({
      workspace: {
        users: [...DEFAULT_USERS, { id: GUEST, name: 'guest.ito', realName: 'Ito (contractor)', guest: 'multi' }, { id: GONE, name: 'former.kato', realName: 'Kato', deactivated: true }],
        usergroups: DEFAULT_USERGROUPS.map((g) => (g.id === 'S0L2' ? { ...g, users: [...g.users, GUEST, GONE] } : g)),
      },
    });
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare critical Guests in the group' });
    const { channel } = await incidentChannel(k, 'Guests in the group');
    const named = await eventually(() => k?.emulator.messages(channel.id).find((m) => m.text.includes('Could not add')), 'the people not invited, named');
    expect(named.text).toContain(`<@${GUEST}> (guest account, \`user_is_restricted\`)`);
    expect(named.text).toContain(`<@${GONE}> (deactivated account, \`cant_invite\`)`);
    expect(k.emulator.channel(channel.id)?.members).toEqual(expect.arrayContaining([USERS.l1, USERS.l2]));
    expect(k.emulator.channel(channel.id)?.members).not.toContain(GUEST);
    expect(k.emulator.calls('conversations.invite').filter((c) => c.args['channel'] === channel.id)).toHaveLength(1);
    await eventually(() => k?.emulator.messages(k.stakeholders).find((m) => m.text.includes('Guests in the group')), 'the announcement');
    await eventually(() => k?.emulator.ephemerals(k.general, USERS.l1).find((e) => e.text.includes(channel.id)), 'the declarer told where it lives');
  });

  it('runs the incident where it was declared when only admins may create channels, and tells the declarer the fix', async () => {
    k = await startKlaxon({ workspace: { channelCreation: 'admins' } });
    const general = k.general;
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: general, text: 'declare high Admins only here' });
    const told = await eventually(() => k?.emulator.ephemerals(general, USERS.l1).find((e) => e.text.includes('restricted_action')), 'the declarer told what failed');
    expect(told.text).toMatch(/Channel Management/);
    const header = await eventually(() => k?.emulator.messages(general).find((m) => m.text.includes('Admins only here')), 'the header in the declaring channel');
    await eventually(() => k?.emulator.channel(general)?.pins.includes(header.ts), 'the header pinned');
    await eventually(() => (k?.emulator.messages(general).length ?? 0) >= 3, 'checklist and playbook offer there too');
    const status = await k.emulator.slashCommand({ userId: USERS.l1, channelId: general, text: 'status' });
    expect(status.body).toMatch(/Status of inc-\d+/);
    expect(k.emulator.calls('conversations.create')).toHaveLength(1);
  });

  it('says so when it can neither create a channel nor join the private one it was declared in', async () => {
    const channels = [{ name: 'general' }, { name: 'incidents', botIsMember: true }, { name: 'secret-room', isPrivate: true, members: [USERS.l1] }];
    k = await startKlaxon({ workspace: { channelCreation: 'admins', channels } });
    const room = k.emulator.channel('secret-room') as { id: string };
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: room.id, text: 'declare high Private room' });
    const told = await eventually(() => k?.emulator.ephemerals(room.id, USERS.l1).find((e) => e.text.includes('method_not_supported_for_channel_type')), 'the declarer told');
    expect(told.text).toContain('/invite @klaxon');
    expect(k.emulator.calls('conversations.join').filter((c) => !c.ok)).toHaveLength(1);
    expect(k.emulator.messages(room.id)).toHaveLength(0);
  });

  it('completes setup when klaxon is not in the stakeholder channel, asks once, and says how to fix it', async () => {
    k = await startKlaxon({ workspace: { channels: [{ name: 'general', botIsMember: true }, { name: 'incidents' }] } });
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare critical Nobody invited klaxon' });
    const { channel } = await incidentChannel(k, 'Nobody invited klaxon');
    const note = await eventually(() => k?.emulator.messages(channel.id).find((m) => m.text.includes('Stakeholders were not told')), 'the fix, in the incident channel');
    expect(note.text).toContain('not_in_channel');
    expect(note.text).toContain('/invite @klaxon');
    await eventually(() => k?.emulator.ephemerals(k.general, USERS.l1).find((e) => e.text.includes(channel.id)), 'the declarer told where it lives');
    const asked = k.emulator.calls('chat.postMessage').filter((c) => c.args['channel'] === 'incidents');
    expect(asked).toHaveLength(1);
  });

  it('answers a declare typed in a channel klaxon is not in through the command’s response_url', async () => {
    k = await startKlaxon({ workspace: { channels: [{ name: 'general', botIsMember: true }, { name: 'incidents', botIsMember: true }, { name: 'war-room' }] } });
    const room = k.emulator.channel('war-room')?.id as string;
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: room, text: 'declare low Declared from elsewhere' });
    const { channel } = await incidentChannel(k, 'Declared from elsewhere');
    const reply = await eventually(() => k?.emulator.ephemerals(room, USERS.l1).find((e) => e.text.includes(channel.id)), 'the "Declared" reply in the war room');
    expect(reply.via).toBe('response_url');
  });

  const CLOSE_FIELDS = { summary: 'Disk filled up', impact: 'Backtests paused', actions: 'Freed space', rootCause: 'Old logs', prevention: 'Log rotation', unverifiedReason: 'Checked by hand' };

  /** Resolves and closes the incident whose channel (or fallback channel) this is; answers the delivered report. */
  async function closeIn(k: Klaxon, channelId: string, reportsDir: string, incidentId: string) {
    await command(k, USERS.l2, channelId, 'resolve');
    const modal = await openCloseModal(k, USERS.l2, channelId);
    expect((await submitClose(k, USERS.l2, modal, CLOSE_FIELDS)).status).toBe(200);
    return deliveredReport(k, reportsDir, incidentId);
  }

  it('delivers the report and says in the channel why it stays open when only admins may archive channels', { timeout: 60_000 }, async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'klaxon-reports-'));
    k = await startKlaxon({ workspace: { channelArchiving: 'admins' }, env: { REPORTS_DIR: reportsDir, KLAXON_ARCHIVE_ON_CLOSE: 'true' } });
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Archive refused' });
    const incidentId = /inc-\d+/.exec(answer.body)?.[0] as string;
    const { channel } = await incidentChannel(k, 'Archive refused');
    await closeIn(k, channel.id, reportsDir, incidentId);
    const said = await eventually(() => k?.emulator.messages(channel.id).find((m) => m.text.includes('would not let klaxon archive')), 'why the channel stays open');
    expect(said.text).toContain('restricted_action');
    expect(said.text).toContain('Channel Management');
    expect(k.emulator.channel(channel.id)?.isArchived).toBe(false);
    await eventually(async () => (await k?.bot.services.store.getLinks(incidentId))?.['archiveRefused'] === 'restricted_action', 'the refusal recorded');
    expect(await k.bot.producers.slack.getFailed()).toEqual([]);
    expect(k.emulator.calls('conversations.archive')).toHaveLength(1);
  });

  it('never archives the shared channel an incident ran in because klaxon could not create one', { timeout: 60_000 }, async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'klaxon-reports-'));
    const channels = [{ name: 'general' }, { name: 'incidents', botIsMember: true }, { name: 'backtest-ops' }];
    k = await startKlaxon({ workspace: { channelCreation: 'admins', channels }, env: { REPORTS_DIR: reportsDir, KLAXON_ARCHIVE_ON_CLOSE: 'true' } });
    const ops = k.emulator.channel('backtest-ops')?.id as string;
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: ops, text: 'declare high Ran in ops' });
    const incidentId = /inc-\d+/.exec(answer.body)?.[0] as string;
    await eventually(async () => (await k?.bot.services.store.getLinks(incidentId))?.['playbooks'], 'the incident set up in #backtest-ops');
    await closeIn(k, ops, reportsDir, incidentId);
    await eventually(() => k?.emulator.files().some((f) => f.channels.includes(ops)), 'the report uploaded to #backtest-ops');
    const running = k;
    await eventually(async () => (await running.bot.producers.slack.getJobCounts('wait', 'active', 'delayed'))['active'] === 0, 'the report job done');
    expect(k.emulator.channel(ops)?.isArchived).toBe(false);
    expect(k.emulator.calls('conversations.archive')).toEqual([]);
  });

  it('goes on without the stakeholders when only admins may post in their channel, says the fix, and still closes with its report', { timeout: 60_000 }, async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'klaxon-reports-'));
    const channels = [{ name: 'general' }, { name: 'incidents', botIsMember: true, postingRestricted: true }];
    k = await startKlaxon({ workspace: { channels }, env: { REPORTS_DIR: reportsDir } });
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Announcements locked' });
    const incidentId = /inc-\d+/.exec(answer.body)?.[0] as string;
    const { channel } = await incidentChannel(k, 'Announcements locked');
    const note = await eventually(() => k?.emulator.messages(channel.id).find((m) => m.text.includes('Stakeholders were not told')), 'the fix, in the incident channel');
    expect(note.text).toContain('restricted_action');
    expect(note.text).toContain('Posting permissions');
    expect(note.text).not.toContain('/invite @klaxon');
    await eventually(() => k?.emulator.ephemerals(k.general, USERS.l1).find((e) => e.text.includes(channel.id)), 'the declarer told where it lives');

    await closeIn(k, channel.id, reportsDir, incidentId);
    expect(await k.bot.producers.slack.getFailed()).toEqual([]);
    expect(k.emulator.calls('chat.postMessage').filter((c) => c.args['channel'] === 'incidents')).toHaveLength(1);
  });

  it('says in the incident channel that the report summary did not reach the stakeholders when their channel was locked meanwhile', { timeout: 60_000 }, async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'klaxon-reports-'));
    k = await startKlaxon({ env: { REPORTS_DIR: reportsDir } });
    const answer = await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare high Locked later' });
    const incidentId = /inc-\d+/.exec(answer.body)?.[0] as string;
    const { channel } = await incidentChannel(k, 'Locked later');
    await eventually(() => k?.emulator.messages(k.stakeholders).find((m) => m.text.includes('Locked later')), 'the announcement');
    // An admin keeps posts in the stakeholders' channel to admins while the incident runs.
    const stakeholders = k.emulator.channel(k.stakeholders);
    if (stakeholders) stakeholders.postingRestricted = true;

    await closeIn(k, channel.id, reportsDir, incidentId);
    const said = await eventually(() => k?.emulator.messages(channel.id).find((m) => m.text.includes('The report summary did not reach')), 'where the summary did not go');
    expect(said.text).toContain('restricted_action');
    expect(await k.bot.producers.slack.getFailed()).toEqual([]);
  });

  it('does not retry what Slack refused for good, and keeps its detail in the failure', async () => {
    k = await startKlaxon();
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: k.general, text: 'declare low Refused update' });
    const { channel } = await incidentChannel(k, 'Refused update');
    k.emulator.faults.add({ method: 'chat.postMessage', channel: channel.id, kind: 'error', error: 'invalid_blocks' });
    await k.emulator.slashCommand({ userId: USERS.l1, channelId: channel.id, text: 'update Looking into it' });
    const failed = await eventually(async () => (await k?.bot.producers.slack.getFailed())?.find((j) => j.name === 'status-update'), 'the status update given up', 20_000);
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toContain('invalid_blocks');
    expect(k.emulator.calls('chat.postMessage').filter((c) => c.args['channel'] === channel.id && c.error === 'invalid_blocks')).toHaveLength(1);
  });
});
