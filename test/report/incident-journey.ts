// Steps of the resolve → verify → close → report journey, driven through the Slack emulator like a person
// would: slash commands, button clicks and modal submissions. Shared by the report end-to-end tests.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Incident } from '../../src/domain/incident.js';
import type { Message, View } from '../../src/sandbox/emulator/emulator-types.js';
import type { ReportFields } from '../../src/domain/incident.js';
import { ACTION, CALLBACK, INPUT, reportInput } from '../../src/slack/ids.js';
import { eventually, type Klaxon } from '../support/klaxon-harness.js';

type Obj = Record<string, unknown>;

/** A clock the test moves by hand; the bot and the emulator read it. */
export function scriptedClock(start: number): { now: () => number; advance: (minutes: number) => void; at: () => number } {
  let t = start;
  return { now: () => t, advance: (minutes) => (t += minutes * 60_000), at: () => t };
}

export interface Declared {
  readonly incidentId: string;
  readonly channelId: string;
}

export async function declareIncident(k: Klaxon, user: string, severity: string, title: string): Promise<Declared> {
  const answer = await k.emulator.slashCommand({ userId: user, channelId: k.general, text: `declare ${severity} ${title}` });
  const incidentId = /inc-\d+/.exec(answer.body)?.[0];
  if (!incidentId) throw new Error(`declare answered ${answer.status}: ${answer.body}`);
  const channelId = await eventually(async () => (await k.bot.services.store.getLinks(incidentId))['channel'], `the channel of ${incidentId}`);
  await eventually(async () => (await k.bot.services.store.getLinks(incidentId))['playbooks'], `the set-up of ${incidentId}`);
  return { incidentId, channelId };
}

export const incident = async (k: Klaxon, id: string): Promise<Incident> => {
  const found = await k.bot.services.store.get(id);
  if (!found) throw new Error(`no incident ${id}`);
  return found;
};

const elementsOf = (message: Message): Obj[] =>
  ((message.blocks ?? []) as Obj[]).flatMap((block) => [...((block['elements'] as Obj[] | undefined) ?? []), ...(block['accessory'] ? [block['accessory'] as Obj] : [])]);

/** The newest top-level message of a channel with a button of this action id (and value, when given). */
export function messageWithButton(k: Klaxon, channelId: string, actionId: string, value?: string): Message | undefined {
  return k.emulator
    .messages(channelId)
    .filter((m) => elementsOf(m).some((e) => e['action_id'] === actionId && (value === undefined || e['value'] === value)))
    .at(-1);
}

export async function click(k: Klaxon, user: string, channelId: string, actionId: string, value?: string): Promise<void> {
  const message = await eventually(() => messageWithButton(k, channelId, actionId, value), `a ${actionId} button${value ? ` for ${value}` : ''}`);
  const answer = await k.emulator.clickButton({ userId: user, channelId, messageTs: message.ts, actionId, ...(value === undefined ? {} : { value }) });
  expect(answer.status).toBe(200);
}

export async function tick(k: Klaxon, user: string, d: Declared, item: string): Promise<void> {
  await click(k, user, d.channelId, ACTION.checklistToggle, item);
  await eventually(async () => (await incident(k, d.incidentId)).checklist[item as 'impact_assessed']?.done, `${item} ticked`);
}

export async function command(k: Klaxon, user: string, channelId: string, text: string): Promise<string> {
  const answer = await k.emulator.slashCommand({ userId: user, channelId, text });
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Waits for the job_finished events of these commands (any outcome) on the incident's timeline. */
export async function finishedRuns(k: Klaxon, incidentId: string, commandIds: readonly string[], timeoutMs = 60_000): Promise<void> {
  let missing = commandIds;
  await eventually(
    async () => {
      const events = await k.bot.services.store.timelineAll(incidentId);
      const done = new Set(events.flatMap((e) => (e.type === 'job_finished' ? [e.commandId] : [])));
      missing = commandIds.filter((id) => !done.has(id));
      return missing.length === 0;
    },
    `runs of ${commandIds.join(', ')}`,
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message} (not finished: ${missing.join(', ')})`);
  });
}

/** Opens the close modal with `/incident close` and returns it. */
export async function openCloseModal(k: Klaxon, user: string, channelId: string): Promise<View> {
  const before = new Set(k.emulator.views().map((v) => v.id));
  await command(k, user, channelId, 'close');
  return eventually(() => k.emulator.views().find((v) => !before.has(v.id) && v.view['callback_id'] === CALLBACK.close), 'the close modal');
}

/** The close form: report fields, and the reason to close a major incident whose verification has not passed. */
export type CloseFields = Partial<Record<keyof ReportFields | 'unverifiedReason', string>>;

export async function submitClose(k: Klaxon, user: string, view: View, fields: CloseFields) {
  const values = Object.fromEntries(
    Object.entries(fields).map(([field, text]) => {
      const id = field === 'unverifiedReason' ? INPUT.unverifiedReason : reportInput(field as keyof ReportFields);
      return [id.block, { [id.action]: text }];
    }),
  );
  return k.emulator.submitView({ userId: user, viewId: view.id, values });
}

/** The block ids of the inputs a modal marks required. */
export const requiredInputs = (view: View): string[] =>
  ((view.view['blocks'] as Obj[] | undefined) ?? []).filter((b) => b['type'] === 'input' && b['optional'] !== true).map((b) => String(b['block_id']));

export async function reportFiles(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.md'));
}

export async function deliveredReport(k: Klaxon, dir: string, incidentId: string): Promise<{ name: string; markdown: string }> {
  const name = await eventually(async () => (await reportFiles(dir)).find((f) => f.endsWith(`_${incidentId}.md`)), `the report file of ${incidentId}`, 20_000);
  await eventually(async () => (await incident(k, incidentId)).checklist.report_written.done, '報告書作成 ticked');
  // A report is its owner's alone.
  expect((await stat(join(dir, name))).mode & 0o777).toBe(0o600);
  return { name, markdown: await readFile(join(dir, name), 'utf8') };
}

/** Markdown headings as `#… text`, in order. */
export const headingsOf = (markdown: string): string[] => markdown.split('\n').filter((line) => /^#{1,6} /.test(line));
