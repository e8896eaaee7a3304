// Journeys 4–5 end to end on a scripted clock: declare → ticks → a run → update → resolve → "Run all"
// verification on the demo host → close modal → the §9 report on disk, in the channel and summarised to the
// stakeholders, the channel archived. Real emulator, bot, worker and Redis.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lexer, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, playbooks } from '../../commands/index.js';
import { reportCommand } from '../../src/cli/report-command.js';
import { reportClock } from '../../src/domain/report-clock.js';
import { DEFAULT_USERS } from '../../src/sandbox/emulator/default-workspace.js';
import { formatInstant } from '../../src/domain/time.js';
import { createLogger } from '../../src/logger.js';
import { ACTION } from '../../src/slack/ids.js';
import { eventually, startKlaxon, USERS, type Klaxon } from '../support/klaxon-harness.js';
import { englishWords } from '../support/english-words.js';
import {
  click,
  command,
  declareIncident,
  deliveredReport,
  finishedRuns,
  incident,
  messageWithButton,
  openCloseModal,
  reportFiles,
  requiredInputs,
  scriptedClock,
  submitClose,
  tick,
  type Declared,
} from '../report/incident-journey.js';

const SUITE = catalogue.filter((c) => c.ticks === 'system_verified').map((c) => c.id);
const RUN_ALL = [...new Set(playbooks.find((p) => p.kind === 'verification')?.steps.flatMap((s) => s.commands) ?? [])];
const TZ = 'Asia/Tokyo';
// The report names people as Slack shows them (users.info's display name), klaxon itself by name.
const shownAs = (by: string): string => DEFAULT_USERS.find((u) => u.id === by)?.name ?? by;
// A minute boundary, so the scripted durations are whole minutes.
const clock = scriptedClock(Math.floor(Date.now() / 60_000) * 60_000);
const T0 = clock.at();

const TITLE = 'Backtests crash on start';
const UPDATE = 'Restarted in safe mode; watching the error log';
const FIELDS = {
  summary: 'main.py crashed on start after a config change',
  impact: 'All backtests stopped for 75 minutes',
  actions: 'Restored config from the backup, restarted in safe mode',
  rootCause: 'A malformed parameter file was deployed',
  prevention: 'Validate parameters in CI before deploying',
};

const headings = (markdown: string): string[] =>
  lexer(markdown).flatMap((t) => (t.type === 'heading' ? [`${'#'.repeat((t as Tokens.Heading).depth)} ${(t as Tokens.Heading).text}`] : []));

// A section up to the next heading of its level or above.
const section = (markdown: string, heading: string): string => {
  const start = markdown.indexOf(`\n${heading}\n`);
  const depth = heading.indexOf(' ');
  const rest = markdown.slice(start + heading.length + 2);
  const next = new RegExp(`\\n#{1,${depth}} `).exec(rest);
  return markdown.slice(start, next === null ? undefined : start + heading.length + 2 + next.index);
};
const clockJa = reportClock(TZ, 'ja');
// The value cell of a 基本情報 row.
const basics = (markdown: string, label: string): string | undefined =>
  markdown.split('\n').find((line) => line.startsWith(`| ${label} | `))?.slice(label.length + 5, -2);

describe('resolve, verify, close and report (critical, ja)', () => {
  let k: Klaxon;
  let reportsDir: string;
  let d: Declared;
  let report: { name: string; markdown: string };

  beforeAll(async () => {
    reportsDir = await mkdtemp(join(tmpdir(), 'klaxon-reports-'));
    k = await startKlaxon({ worker: true, locale: 'ja', now: clock.now, env: { REPORTS_DIR: reportsDir, KLAXON_ARCHIVE_ON_CLOSE: 'true' } });
  });
  afterAll(async () => k?.stop());

  it('walks the incident from declaration to a closed, archived channel', { timeout: 120_000 }, async () => {
    d = await declareIncident(k, USERS.l1, 'critical', TITLE);

    clock.advance(7);
    await tick(k, USERS.l1, d, 'impact_assessed');
    clock.advance(3);
    await tick(k, USERS.l2, d, 'runbook_followed');
    await command(k, USERS.l1, d.channelId, 'run logs.collect');
    await finishedRuns(k, d.incidentId, ['logs.collect']);
    await eventually(async () => (await incident(k, d.incidentId)).checklist.initial_logs.done, '初期ログ収集 ticked by the log bundle');

    clock.advance(30);
    await command(k, USERS.l1, d.channelId, `update ${UPDATE}`);
    clock.advance(35);
    const resolved = await command(k, USERS.l2, d.channelId, 'resolve');
    expect(resolved).toContain('復旧を記録しました');
    expect((await incident(k, d.incidentId)).checklist.recovery_confirmed.done).toBe(true);

    // Run all also runs the §8.2 commands that change the host: like their own Run buttons, it asks first.
    const offer = await eventually(() => messageWithButton(k, d.channelId, ACTION.runSuite), 'the verification offer');
    const runAll = (offer.blocks as { accessory?: { action_id?: string; confirm?: { text: { text: string } } } }[]).find((b) => b.accessory?.action_id === ACTION.runSuite)?.accessory;
    const changing = catalogue.filter((spec) => RUN_ALL.includes(spec.id) && spec.risk !== 'read-only');
    expect(changing.length).toBeGreaterThan(0);
    for (const spec of changing) expect(runAll?.confirm?.text.text).toContain(spec.title.ja);
    await click(k, USERS.l2, d.channelId, ACTION.runSuite);
    await finishedRuns(k, d.incidentId, RUN_ALL, 90_000);
    // The item exists from the start: wait for it to be done, not merely present (the last result may still be
    // on its way to the verification tracker).
    const verified = await eventually(async () => {
      const item = (await incident(k, d.incidentId)).checklist.system_verified;
      return item.done ? item : undefined;
    }, 'システム検証実施 ticked', 20_000);
    expect(verified).toMatchObject({ done: true, by: 'klaxon', auto: true });
    await eventually(() => k.emulator.messages(d.channelId).find((m) => m.text.includes('検証に合格')), 'the verification verdict in the channel');

    clock.advance(10);
    const view = await openCloseModal(k, USERS.l1, d.channelId);
    expect(requiredInputs(view).sort()).toEqual(['report_actions', 'report_impact', 'report_prevention', 'report_rootCause', 'report_summary']);
    const partial = await submitClose(k, USERS.l1, view, { summary: FIELDS.summary });
    expect(partial.json).toMatchObject({ response_action: 'errors' });
    expect(Object.keys((partial.json as { errors: object }).errors).sort()).toEqual(['report_actions', 'report_impact', 'report_prevention', 'report_rootCause']);
    expect((await incident(k, d.incidentId)).status).toBe('resolved');

    const submitted = await submitClose(k, USERS.l1, view, FIELDS);
    expect(submitted.status).toBe(200);
    expect(submitted.json).toBeUndefined();
    report = await deliveredReport(k, reportsDir, d.incidentId);
    await eventually(() => k.emulator.channel(d.channelId)?.isArchived, 'the archived channel');
  });

  it('names the file after the closing time and uploads it to the channel once', async () => {
    const closed = await incident(k, d.incidentId);
    if (closed.status !== 'closed') throw new Error(`${closed.id} is ${closed.status}`);
    expect(closed.closedAt).toBe(T0 + 85 * 60_000);
    expect(report.name).toBe(`incident_${formatInstant(closed.closedAt, TZ, 'yyyyMMdd_HHmmss')}_${d.incidentId}.md`);
    expect(report.name).toMatch(/^incident_\d{8}_\d{6}_inc-\d+\.md$/);

    const uploads = k.emulator.files().filter((f) => f.name === report.name);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.channels).toEqual([d.channelId]);
    expect(uploads[0]?.content?.toString('utf8')).toBe(report.markdown);
    const written = (await k.bot.services.store.timelineAll(d.incidentId)).find((e) => e.type === 'report_written');
    expect(written).toMatchObject({ file: report.name, sha256: createHash('sha256').update(report.markdown).digest('hex') });
  });

  it('summarises to the stakeholders with a link to the channel, ticks 報告書作成 and archives', async () => {
    const summaries = k.emulator.messages(k.stakeholders).filter((m) => m.text.includes(`インシデント ${d.incidentId} をクローズしました`));
    expect(summaries).toHaveLength(1);
    const blocks = JSON.stringify(summaries[0]?.blocks);
    expect(blocks).toContain(`<#${d.channelId}>`);
    expect(blocks).toContain(report.name);
    expect(blocks).toContain('7分（目標：15分）');
    expect(blocks).toContain('1時間15分（目標：1時間）');
    expect((await incident(k, d.incidentId)).checklist.report_written).toMatchObject({ done: true, auto: true });
    expect(k.emulator.channel(d.channelId)?.isArchived).toBe(true);
  });

  it('leaves the channel messages showing the closed incident with 報告書作成 ticked', async () => {
    const links = await k.bot.services.store.getLinks(d.incidentId);
    const header = k.emulator.messages(d.channelId).find((m) => m.ts === links['header']);
    const checklist = k.emulator.messages(d.channelId).find((m) => m.ts === links['checklist']);
    expect(header?.text).toContain('クローズ');
    const item = ((checklist?.blocks ?? []) as { block_id?: string; text?: { text: string } }[]).find((b) => b.block_id === 'checklist_report_written');
    expect(item?.text?.text).toContain(':white_check_mark:');
  });

  it('has every heading of the full §9.2 template and the basics it asks for', () => {
    const found = headings(report.markdown);
    for (const heading of ['# 障害報告書', '## 基本情報', '## 対応時間', '## 経緯', '## 問題概要', '## 影響範囲', '## 対応内容', '## 暫定対応', '## 恒久対応', '## 根本原因', '## 再発防止策', '## 改善計画', '## 付録', '### 添付ログ']) {
      expect(found).toContain(heading);
    }
    expect(found).not.toContain('## 今後の対応計画');
    for (const label of ['件名', 'ID', '報告者', '作成日', '版数', '発生時刻', '検知時刻', '宣言時刻', '重要度', '対応責任者', '対応者', '初期対応時刻', '復旧時刻', 'クローズ時刻', '影響時間']) {
      expect(basics(report.markdown, label)).not.toBe('（未記録）');
    }
    for (const text of Object.values(FIELDS)) expect(report.markdown).toContain(text);
  });

  it('measures first response and recovery on the scripted clock against the critical targets', () => {
    const sla = section(report.markdown, '## 対応時間');
    const time = (minutes: number) => clockJa.when(T0 + minutes * 60_000);
    expect(sla).toContain(`| 初期対応時間 | 15分 | ${time(15)} | 7分（${time(7)}） | 達成 |`);
    expect(sla).toContain(`| 復旧時間 | 1時間 | ${time(60)} | 1時間15分（${time(75)}） | 未達（15分超過） |`);
    expect(basics(report.markdown, '宣言時刻')).toBe(`${time(0)}（${shownAs(USERS.l1)}、Slack）`);
    expect(report.markdown).not.toMatch(/\bU0[A-Z0-9]+\b/);
    expect(basics(report.markdown, 'クローズ時刻')).toBe(time(85));
    expect(basics(report.markdown, '影響時間')).toBe('1時間15分（発生から復旧まで）');
  });

  it('lists every run, the log bundle with its sha256, the update and every timeline event', async () => {
    const events = await k.bot.services.store.timelineAll(d.incidentId);
    const runs = section(report.markdown, '### 実行したコマンド');
    for (const id of ['logs.collect', ...RUN_ALL]) expect(runs).toContain(`| ${id} |`);
    const bundle = events.find((e) => e.type === 'job_finished' && e.commandId === 'logs.collect');
    if (bundle?.type !== 'job_finished') throw new Error('no log bundle');
    expect(bundle.files.length).toBeGreaterThan(0);
    for (const file of bundle.files) expect(section(report.markdown, '### 添付ログ')).toContain(file.sha256);
    expect(section(report.markdown, '### 中間報告')).toContain('Restarted in safe mode; watching the error log');

    // Everything but the record of its own writing (a report cannot hold its own digest).
    const described = events.filter((e) => e.type !== 'report_written');
    const rows = section(report.markdown, '### タイムライン').split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
    expect(rows.length - 1).toBe(described.length);
    for (const event of described) expect(rows.some((row) => row.startsWith(`| ${clockJa.precise(event.at)} | ${shownAs(event.by)} |`))).toBe(true);
    expect(described.filter((e) => e.type === 'job_finished')).toHaveLength(1 + RUN_ALL.length);
    expect(SUITE.every((id) => RUN_ALL.includes(id))).toBe(true);
  });

  it('renders the same report again with `klaxon report`', async () => {
    const out = join(reportsDir, 'again.md');
    const stderr: string[] = [];
    const io = { stdout: process.stdout, stderr: { write: (s: string) => stderr.push(s) } } as unknown as Parameters<typeof reportCommand>[3];
    expect(await reportCommand([d.incidentId, '--out', out], k.config, createLogger({ level: 'silent', pretty: false }), io)).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(report.markdown);
    expect(await reportFiles(reportsDir)).toHaveLength(2);
  });

  it('says everything in Japanese: messages, threads, replies, forms and the report (but what people typed and hosts printed)', () => {
    // What people wrote is theirs (this journey writes English on purpose), and so is the channel's name.
    const typed = [TITLE, UPDATE, ...Object.values(FIELDS), k.emulator.channel(d.channelId)?.name ?? ''];
    const visible = (value: unknown, out: string[] = []): string[] => {
      if (Array.isArray(value)) value.forEach((item) => visible(item, out));
      else if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) {
          if (typeof item === 'string' && ['text', 'alt_text'].includes(key)) out.push(item);
          else if (!['value', 'action_id', 'block_id', 'url', 'callback_id', 'private_metadata', 'initial_value', 'initial_option', 'image_url'].includes(key)) visible(item, out);
        }
      }
      return out;
    };
    const fromBot = [d.channelId, k.stakeholders].flatMap((channel) => k.emulator.messages(channel).filter((m) => m.botId !== undefined).flatMap((m) => [m, ...k.emulator.messages(channel, { threadTs: m.ts }).filter((r) => r.ts !== m.ts)]));
    const surfaces: [string, string][] = [
      ...fromBot.map((m): [string, string] => [`message ${m.ts}`, visible(m.blocks).join('\n') || m.text]),
      ...k.emulator.ephemerals().map((e): [string, string] => [`reply to ${e.user}`, visible(e.blocks).join('\n') || e.text]),
      ...k.emulator.views().map((v): [string, string] => [`view ${String(v.view['callback_id'])}`, visible(v.view).join('\n')]),
      // Markdown's escapes taken out, so a path reads as a path.
      ['report', report.markdown.replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1')],
    ];
    const found = surfaces.flatMap(([where, text]) => {
      const own = typed.reduce((rest, t) => rest.replaceAll(t, ' '), text);
      return englishWords(own).map((word) => `${where}: ${word}`);
    });
    expect([...new Set(found)]).toEqual([]);
    expect(englishWords(`${UPDATE} 確認`)).not.toEqual([]);
  });
});
