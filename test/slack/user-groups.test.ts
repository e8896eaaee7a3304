// The user-group cache on its own, with Slack's usergroups.list scripted (the one part we cannot run here):
// fresh for five minutes after a listing, tried again soon after a failed one, and never holding a role check
// for longer than a second while no listing has succeeded.
import { describe, expect, it } from 'vitest';
import { createUserGroups, FRESH_MS, RETRY_MS, WAIT_MS } from '../../src/slack/user-groups.js';
import { captureLogger } from '../support/capture-logger.js';

type Answer = () => Promise<{ usergroups: { id: string; users: string[] }[] }>;

function scripted(answers: Answer[]) {
  const clock = { now: 1_000_000 };
  let calls = 0;
  const client = { usergroups: { list: () => answers[Math.min(calls++, answers.length - 1)]?.() } } as never;
  const groups = createUserGroups(client, () => clock.now, captureLogger('error').logger);
  return { clock, groups, calls: () => calls };
}

const l2 = async () => ({ usergroups: [{ id: 'S0L2', users: ['U0L2SYS'] }] });
const down = () => Promise.reject(new Error('503'));

describe('user groups', () => {
  it('are listed once and kept for five minutes, then refreshed behind the answers', async () => {
    const { clock, groups, calls } = scripted([l2]);
    expect(await groups.groupsOf('U0L2SYS')).toEqual(['S0L2']);
    clock.now += FRESH_MS;
    expect(await groups.groupsOf('U0L2SYS')).toEqual(['S0L2']);
    expect(calls()).toBe(1);
    clock.now += 1;
    await groups.groupsOf('U0L2SYS');
    expect(calls()).toBe(2);
  });

  it('are listed again soon after a failed listing, and the check waits for that try until one succeeded', async () => {
    const { clock, groups, calls } = scripted([down, l2]);
    // Not known, which is not the same as in no group.
    expect(await groups.groupsOf('U0L2SYS')).toBeUndefined();
    clock.now += RETRY_MS;
    expect(await groups.groupsOf('U0L2SYS')).toBeUndefined();
    expect(calls()).toBe(1);
    clock.now += 1;
    expect(await groups.groupsOf('U0L2SYS')).toEqual(['S0L2']);
    expect(calls()).toBe(2);
  });

  it('are known to be none for a person in no group, once listed', async () => {
    const { groups } = scripted([l2]);
    expect(await groups.groupsOf('U0STAKE')).toEqual([]);
  });

  it('keep the last known groups when a later listing fails', async () => {
    const { clock, groups } = scripted([l2, down]);
    await groups.groupsOf('U0L2SYS');
    clock.now += FRESH_MS + 1;
    await groups.refresh();
    expect(await groups.groupsOf('U0L2SYS')).toEqual(['S0L2']);
  });

  it('do not hold a check longer than a second for a listing Slack is slow to answer', async () => {
    const slow: Answer = () => new Promise((resolve) => setTimeout(() => resolve({ usergroups: [{ id: 'S0L2', users: ['U0L2SYS'] }] }), WAIT_MS * 3));
    const { groups } = scripted([slow]);
    const started = Date.now();
    expect(await groups.groupsOf('U0L2SYS')).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(WAIT_MS * 2);
    await groups.refresh();
    expect(await groups.groupsOf('U0L2SYS')).toEqual(['S0L2']);
  });
});
