// Display names as Slack clients show them, from the emulator's users.info (which answers as Slack does):
// the chosen display name, else the full name when none was chosen, else nothing (the caller shows the id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDisplayNames } from '../../src/slack/display-names.js';
import { createSlackApi } from '../../src/slack/slack-api.js';
import { startEmulator } from '../sandbox/emulator/emulator-fixture.js';
import type { SlackEmulator } from '../../src/sandbox/emulator/slack-emulator.js';
import type { WebClient } from '@slack/web-api';

describe('createDisplayNames', () => {
  let emulator: SlackEmulator;
  let client: WebClient;
  beforeAll(async () => {
    ({ emulator, client } = await startEmulator({
      users: [
        { id: 'U0SATO', name: 'ops.sato', realName: 'Sato Hanako', displayName: '佐藤' },
        { id: 'U0NONAME', name: 'dev.ito', realName: 'Ito Ken', displayName: '' },
      ],
    }));
  });
  afterAll(async () => emulator?.close());

  it('prefers the display name, falls back to the full name, and knows nothing of strangers', async () => {
    const names = createDisplayNames(createSlackApi(client), () => 0);
    expect(await names('U0SATO')).toBe('佐藤');
    expect(await names('U0NONAME')).toBe('Ito Ken');
    expect(await names('U0NOBODY')).toBeUndefined();
  });

  it('asks Slack once per person for an hour', async () => {
    let now = 0;
    const names = createDisplayNames(createSlackApi(client), () => now);
    const asked = () => emulator.calls('users.info').filter((c) => c.args['user'] === 'U0SATO').length;
    const before = asked();
    await names('U0SATO');
    await names('U0SATO');
    expect(asked()).toBe(before + 1);
    now += 3_600_000;
    await names('U0SATO');
    expect(asked()).toBe(before + 2);
  });
});
