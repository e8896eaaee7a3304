// manifest.yml grants exactly the bot scopes klaxon's code needs: a Slack call added without its scope fails
// here rather than with missing_scope in production, and a scope that nothing needs fails too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { DEFAULT_SCOPES } from '../src/sandbox/emulator/default-workspace.js';
import { CALLBACK } from '../src/slack/ids.js';

const root = new URL('..', import.meta.url).pathname;

/**
 * Bot-token scopes that allow each Web API method (any one of them suffices), for public channels only:
 * klaxon creates public incident channels, so the private-channel alternatives (groups:*) are left out.
 */
const METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'views.open': [],
  'views.update': [],
  'views.push': [],
  'views.publish': [],
  'chat.getPermalink': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.delete': ['chat:write'],
  'conversations.create': ['channels:manage'],
  'conversations.invite': ['channels:manage', 'channels:write.invites'],
  'conversations.setTopic': ['channels:manage', 'channels:write.topic'],
  'conversations.setPurpose': ['channels:manage', 'channels:write.topic'],
  'conversations.rename': ['channels:manage'],
  'conversations.archive': ['channels:manage'],
  'conversations.join': ['channels:join'],
  'conversations.info': ['channels:read'],
  'conversations.list': ['channels:read'],
  'conversations.members': ['channels:read'],
  'conversations.history': ['channels:history'],
  'conversations.replies': ['channels:history'],
  'pins.add': ['pins:write'],
  'pins.remove': ['pins:write'],
  'pins.list': ['pins:read'],
  'reactions.get': ['reactions:read'],
  'reactions.add': ['reactions:write'],
  'users.info': ['users:read'],
  'users.list': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'usergroups.list': ['usergroups:read'],
  'usergroups.users.list': ['usergroups:read'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'files.upload': ['files:write'],
  'files.info': ['files:read'],
  'bookmarks.add': ['bookmarks:write'],
  'bookmarks.edit': ['bookmarks:write'],
  'bookmarks.remove': ['bookmarks:write'],
  'team.info': ['team:read'],
};

/** Scopes without which Slack does not deliver a bot event. */
const EVENT_SCOPES: Readonly<Record<string, readonly string[]>> = {
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  app_mention: ['app_mentions:read'],
  app_home_opened: [],
  pin_added: ['pins:read'],
  member_joined_channel: ['channels:read'],
  channel_archive: ['channels:read'],
  'message.channels': ['channels:history'],
};

const FAMILY =
  '(?:admin|api|apps|assistant|auth|bookmarks|bots|calls|canvases|chat|conversations|dialog|dnd|emoji|files|functions|' +
  'migration|oauth|openid|pins|reactions|reminders|rtm|search|stars|team|tooling|usergroups|users|views|workflows)';
const QUOTED_METHOD = new RegExp(`['"\`](${FAMILY}(?:\\.[a-z][A-Za-z0-9]*)+)['"\`]`, 'g');
const CLIENT_CALL = new RegExp(`\\b(?:client|slack|web|webClient|slackClient)\\s*\\.\\s*(${FAMILY}(?:\\s*\\.\\s*[a-z][A-Za-z0-9]*)+)\\s*\\(`, 'g');

/** Web API methods named in one source file: method strings (for .call/apiCall/fetch) and client.<family>.<method>( calls. */
function slackMethodsIn(source: string): string[] {
  const quoted = [...source.matchAll(QUOTED_METHOD)].map((m) => m[1] as string);
  const called = [...source.matchAll(CLIENT_CALL)].map((m) => (m[1] as string).replace(/\s+/g, ''));
  const said = /\bsay\s*\(/.test(source) ? ['chat.postMessage'] : [];
  return [...new Set([...quoted, ...called, ...said])].sort();
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

// src/sandbox is the Slack emulator (Slack's side of the wire), not a client of real Slack.
const botSources = tsFiles('src')
  .filter((file) => !relative('src', file).startsWith('sandbox'))
  .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));

const callsOf = (sources: readonly { file: string; text: string }[]): Map<string, string[]> => {
  const calls = new Map<string, string[]>();
  for (const { file, text } of sources) for (const method of slackMethodsIn(text)) calls.set(method, [...(calls.get(method) ?? []), file]);
  return calls;
};

interface Requirement {
  readonly what: string;
  readonly anyOf: readonly string[] | undefined;
}

/** A private channel created anywhere (`is_private` other than a literal false) needs groups:write. */
const createsPrivateChannels = (sources: readonly { text: string }[]): boolean =>
  sources.some(({ text }) => /(?:['"`]conversations\.create['"`]|\bconversations\s*\.\s*create\s*\()[^;]*\bis_private:(?!\s*false\b)/.test(text));

function requirements(methods: Iterable<string>, events: readonly string[], slashCommands: number, privateChannels = false): Requirement[] {
  return [
    ...(privateChannels ? [{ what: 'private channels (conversations.create is_private)', anyOf: ['groups:write'] }] : []),
    ...[...methods].map((method) => ({ what: `method ${method}`, anyOf: METHOD_SCOPES[method] })),
    ...events.map((event) => ({ what: `event ${event}`, anyOf: EVENT_SCOPES[event] })),
    ...(slashCommands > 0 ? [{ what: 'slash commands', anyOf: ['commands'] }] : []),
  ];
}

/** What the granted scopes do not cover, one line each. */
function unmet(required: readonly Requirement[], granted: readonly string[]): string[] {
  return required.flatMap(({ what, anyOf }) => {
    if (!anyOf) return [`${what}: no scope known for it; add it to METHOD_SCOPES/EVENT_SCOPES in this test`];
    if (anyOf.length === 0 || anyOf.some((scope) => granted.includes(scope))) return [];
    return [`${what} needs ${anyOf.join(' or ')}, which manifest.yml does not grant`];
  });
}

/** Granted scopes whose removal breaks nothing. */
function unneeded(required: readonly Requirement[], granted: readonly string[]): string[] {
  return granted.filter((scope) => unmet(required, granted.filter((other) => other !== scope)).length === 0);
}

const https = z.url({ protocol: /^https$/ });
const manifestSchema = z.strictObject({
  display_information: z.strictObject({
    name: z.string().min(1).max(35),
    description: z.string().min(1).max(140),
    // Slack's app settings refuse a long description shorter than 175 characters.
    long_description: z.string().min(175).max(4000),
    background_color: z.string().regex(/^#(?:[0-9a-fA-F]{3}){1,2}$/),
  }),
  features: z.strictObject({
    bot_user: z.strictObject({ display_name: z.string().regex(/^[a-z0-9._-]{1,80}$/), always_online: z.boolean() }),
    slash_commands: z
      .array(
        z.strictObject({
          command: z.string().regex(/^\/[a-z0-9_-]{1,31}$/),
          url: https,
          description: z.string().min(1).max(2000),
          usage_hint: z.string().max(1000),
          should_escape: z.boolean(),
        }),
      )
      .max(50),
    shortcuts: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(24),
          type: z.enum(['message', 'global']),
          callback_id: z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/),
          description: z.string().min(1).max(150),
        }),
      )
      .max(10)
      .optional(),
    app_home: z
      .strictObject({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean(), messages_tab_read_only_enabled: z.boolean() })
      .optional(),
  }),
  oauth_config: z.strictObject({ scopes: z.strictObject({ bot: z.array(z.string()).min(1) }) }),
  settings: z.strictObject({
    event_subscriptions: z.strictObject({ request_url: https, bot_events: z.array(z.string()).max(100) }),
    interactivity: z.strictObject({ is_enabled: z.boolean(), request_url: https }),
    org_deploy_enabled: z.boolean(),
    socket_mode_enabled: z.boolean(),
    token_rotation_enabled: z.boolean(),
  }),
});
type Manifest = z.infer<typeof manifestSchema>;

const parsed = manifestSchema.safeParse(parse(readFileSync(join(root, 'manifest.yml'), 'utf8')));
const manifest = (): Manifest => {
  if (!parsed.success) throw new Error(`manifest.yml does not match the manifest schema:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
};
const requiredByManifest = (methods: Iterable<string>, sources: readonly { text: string }[] = botSources): Requirement[] =>
  requirements(methods, manifest().settings.event_subscriptions.bot_events, manifest().features.slash_commands.length, createsPrivateChannels(sources));

const listenedTo = (pattern: RegExp): string[] =>
  [...new Set(botSources.flatMap(({ text }) => [...text.matchAll(pattern)].map((m) => m[1] as string)))].sort();

describe('manifest.yml', () => {
  it('matches the manifest schema within Slack field limits', () => {
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('declares /incident with escaped mentions, a usage hint and the bot URL', () => {
    const incident = manifest().features.slash_commands.find((c) => c.command === '/incident');
    expect(incident).toMatchObject({ url: 'https://YOUR-HOST/slack/events', should_escape: true });
    expect(incident?.usage_hint).toContain('declare');
    expect(incident?.description).not.toBe('');
  });

  it.each([
    ['the /incident command', () => manifest().features.slash_commands.map((c) => c.url)],
    ['event subscriptions', () => [manifest().settings.event_subscriptions.request_url]],
    ['interactivity', () => [manifest().settings.interactivity.request_url]],
  ])('sends %s to /slack/events', (_name, urls) => {
    for (const url of urls()) expect(new URL(url).pathname).toBe('/slack/events');
  });

  it('runs in HTTP mode with one non-rotating workspace token and interactivity on', () => {
    expect(manifest().settings).toMatchObject({
      interactivity: { is_enabled: true },
      socket_mode_enabled: false,
      org_deploy_enabled: false,
      token_rotation_enabled: false,
    });
  });

  it('subscribes to exactly the events the bot listens to, reaction_added among them', () => {
    const events = manifest().settings.event_subscriptions.bot_events;
    expect(events).toContain('reaction_added');
    expect([...events].sort()).toEqual(listenedTo(/\.event\(\s*['"]([a-z_.]+)['"]/g));
  });

  it('declares exactly the slash commands the bot listens to', () => {
    expect(manifest().features.slash_commands.map((c) => c.command).sort()).toEqual(listenedTo(/\.command\(\s*['"](\/[a-z0-9_-]+)['"]/g));
  });

  it('declares the "Declare incident" message shortcut the bot listens to, and the Home tab it publishes', () => {
    expect(manifest().features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: CALLBACK.declareFromMessage })]);
    expect(listenedTo(/\.shortcut(?:<\w+>)?\(\s*\{\s*callback_id:\s*CALLBACK\.(\w+)/g)).toEqual(['declareFromMessage']);
    expect(manifest().features.app_home?.home_tab_enabled).toBe(true);
  });

  it('has every granted scope explained in docs/slack-setup.md', () => {
    const guide = readFileSync(join(root, 'docs/slack-setup.md'), 'utf8');
    const missing = manifest().oauth_config.scopes.bot.filter((scope) => !guide.includes(`\`${scope}\``));
    expect(missing).toEqual([]);
  });

  it('lists each scope once', () => {
    const scopes = manifest().oauth_config.scopes.bot;
    expect(scopes).toEqual([...new Set(scopes)]);
  });
});

describe('bot scopes against the Slack calls in src/', () => {
  const calls = callsOf(botSources);

  it('finds the Slack calls the bot makes', () => {
    expect([...calls.keys()]).toEqual(expect.arrayContaining(['chat.postMessage', 'chat.update', 'conversations.create']));
  });

  it('grants a scope for every Web API method the bot calls', () => {
    const problems = unmet(requiredByManifest(calls.keys()), manifest().oauth_config.scopes.bot);
    const where = (line: string) => `${line} (called in ${calls.get(line.split(' ')[1] ?? '')?.join(', ') ?? 'the manifest'})`;
    expect(problems.map(where)).toEqual([]);
  });

  it('is what the emulated workspace installed the app with (its x-oauth-scopes)', () => {
    expect([...DEFAULT_SCOPES].sort()).toEqual([...manifest().oauth_config.scopes.bot].sort());
  });

  it('grants no scope that no call, event or command needs', () => {
    expect(unneeded(requiredByManifest(calls.keys()), manifest().oauth_config.scopes.bot)).toEqual([]);
  });

  // A grant built from the code alone (the first scope of each requirement), so these two checks do not
  // depend on manifest.yml being right.
  const coverOf = (required: readonly Requirement[]): string[] => [...new Set(required.flatMap((r) => r.anyOf?.slice(0, 1) ?? []))];

  it('fails when a call is added without its scope, or with a method this test does not know', () => {
    const granted = coverOf(requiredByManifest(calls.keys()));
    const added = callsOf([...botSources, { file: 'src/slack/new.ts', text: "await client.bookmarks.add({ channel_id, title, type: 'link' });" }]);
    expect(unmet(requiredByManifest(added.keys()), granted)).toEqual([
      'method bookmarks.add needs bookmarks:write, which manifest.yml does not grant',
    ]);
    expect(unmet(requiredByManifest(['reminders.add']), granted)).toEqual([
      'method reminders.add: no scope known for it; add it to METHOD_SCOPES/EVENT_SCOPES in this test',
    ]);
  });

  it('needs groups:write exactly when a private channel is created', () => {
    const publicOnly = [{ text: 'await ctx.slack.conversations.create({ name, is_private: false });' }];
    const privateToo = [{ text: 'await ctx.slack.conversations.create({ name, is_private: incident.private === true });' }];
    expect(createsPrivateChannels(publicOnly)).toBe(false);
    expect(createsPrivateChannels(privateToo)).toBe(true);
    expect(createsPrivateChannels([{ text: "await client.apiCall('conversations.create', { name, is_private: true });" }])).toBe(true);
    expect(createsPrivateChannels(botSources)).toBe(true);
    expect(unmet(requiredByManifest(['conversations.create'], privateToo), ['channels:manage', 'commands', 'reactions:read'])).toEqual([
      'private channels (conversations.create is_private) needs groups:write, which manifest.yml does not grant',
    ]);
  });

  it('flags an extra scope, including one made redundant by a broader grant', () => {
    const required = requiredByManifest(calls.keys());
    const granted = coverOf(required);
    expect(unneeded(required, [...granted, 'channels:read'])).toEqual(['channels:read']);
    expect(unneeded(required, [...granted, 'channels:write.invites'])).toEqual(['channels:write.invites']);
  });
});

describe('slackMethodsIn', () => {
  it.each([
    ["await slack.call<{ ts?: string }>('chat.postMessage', { channel })", ['chat.postMessage']],
    ["await client.apiCall(`pins.add`, args)", ['pins.add']],
    ["fetch(new URL('chat.postEphemeral', base))", ['chat.postEphemeral']],
    ['await app.client.usergroups.users.list({ usergroup })', ['usergroups.users.list']],
    ['const auth = await deps.slack.auth.test();', ['auth.test']],
    ['await args.client\n      .views\n      .open({ trigger_id })', ['views.open']],
    ["await say('Declared')", ['chat.postMessage']],
    ['const files = result.files.map((f) => f.path);', []],
    ["redis.call('HSET', key, 'json', value)", []],
    ["run('files.compile-check')", []],
  ])('%s → %j', (source, methods) => {
    expect(slackMethodsIn(source)).toEqual(methods);
  });

  it('finds any known method in any call style, wherever it sits in the file', () => {
    const styles = [
      (m: string) => `await slack.call('${m}', { channel })`,
      (m: string) => `await slack.call<{ ok: boolean }>("${m}", {})`,
      (m: string) => `client.apiCall(\`${m}\`, args)`,
      (m: string) => `await client.${m}({})`,
      (m: string) => `await app.client.${m.split('.').join('\n  .')}({})`,
    ];
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(METHOD_SCOPES)), fc.constantFrom(...styles), fc.string(), fc.string(), (method, style, before, after) => {
        expect(slackMethodsIn(`${before}\n${style(method)}\n${after}`)).toContain(method);
      }),
    );
  });

  it('reports a method exactly when none of its scopes is granted', () => {
    const allScopes = [...new Set(Object.values(METHOD_SCOPES).flat())];
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(METHOD_SCOPES)), fc.subarray(allScopes), (method, granted) => {
        const anyOf = METHOD_SCOPES[method] ?? [];
        const covered = anyOf.length === 0 || anyOf.some((scope) => granted.includes(scope));
        expect(unmet(requirements([method], [], 0), granted).length).toBe(covered ? 0 : 1);
      }),
    );
  });
});
