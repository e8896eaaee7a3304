// The emulated workspace survives a restart when it has a state directory: channels, messages (with their
// metadata and reactions), files, Home tabs and the id counters, all in private files.
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, startEmulator } from './emulator-fixture.js';

let dir: string;
beforeAll(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'klaxon-emulator-state-')), 'slack');
});
afterAll(async () => rm(join(dir, '..'), { recursive: true, force: true }));

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('an emulator with a state directory', () => {
  it('keeps channels, messages and files across a restart, in 0700 directories and 0600 files', async () => {
    const first = await startEmulator({ stateDir: dir, channels: [{ name: 'general', botIsMember: true }, { name: 'incidents' }] });
    const channel = (await first.client.conversations.create({ name: 'inc-kept' })).channel?.id as string;
    const metadata = { event_type: 'klaxon_effect', event_payload: { key: 'header' } };
    const posted = await first.client.chat.postMessage({ channel, text: 'kept across restarts', metadata });
    await first.client.reactions.add({ channel, timestamp: posted.ts as string, name: 'pushpin' });
    const upload = await first.client.files.uploadV2({ channel_id: channel, filename: 'report.md', content: '# report\n' });
    expect(upload.ok).toBe(true);
    const person = first.emulator.channel('general')?.members[0] as string;
    await first.client.views.publish({ user_id: person, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'home kept' } }] } });
    await first.emulator.close();

    expect(await mode(dir)).toBe(0o700);
    expect(await mode(join(dir, 'files'))).toBe(0o700);
    for (const name of await readdir(dir)) if (name !== 'files') expect(await mode(join(dir, name))).toBe(0o600);
    for (const name of await readdir(join(dir, 'files'))) expect(await mode(join(dir, 'files', name))).toBe(0o600);

    const second = await startEmulator({ stateDir: dir, channels: [{ name: 'general' }, { name: 'other' }] });
    try {
      expect(second.emulator.channels().map((c) => c.name)).toEqual(['general', 'incidents', 'inc-kept']);
      const history = await second.client.conversations.history({ channel, include_all_metadata: true });
      const kept = history.messages?.find((m) => m.ts === posted.ts);
      expect(kept).toMatchObject({ text: 'kept across restarts', metadata, reactions: [{ name: 'pushpin', count: 1 }] });
      expect(second.emulator.home(person)?.view).toMatchObject({ type: 'home', blocks: [{ text: { text: 'home kept' } }] });
      const file = second.emulator.files().find((f) => f.name === 'report.md');
      expect(file?.content?.toString('utf8')).toBe('# report\n');
      const served = await fetch(`${second.emulator.url}/files/${file?.id}/report.md`, { headers: { authorization: `Bearer ${BOT_TOKEN}` } });
      expect(await served.text()).toBe('# report\n');
      const fresh = await second.client.conversations.create({ name: 'inc-after-restart' });
      expect(second.emulator.channels().filter((c) => c.id === fresh.channel?.id)).toHaveLength(1);
      expect(new Set(second.emulator.channels().map((c) => c.id)).size).toBe(4);
      const next = await second.client.chat.postMessage({ channel, text: 'later' });
      expect(Number(next.ts)).toBeGreaterThan(Number(posted.ts));
    } finally {
      await second.emulator.close();
    }
  });

  it('refuses a state file it cannot read instead of starting empty over it', async () => {
    const broken = join(dir, '..', 'broken');
    await mkdir(broken, { recursive: true });
    await writeFile(join(broken, 'workspace.json'), JSON.stringify({ format: 99 }));
    await expect(startEmulator({ stateDir: broken })).rejects.toThrow(/not an emulator workspace/);
  });
});
