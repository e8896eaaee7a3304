// The emulated workspace in memory: channels, messages, views, files, trigger ids, response URLs, call log.
import { randomBytes } from 'node:crypto';
import type {
  Call,
  Channel,
  EmulatedUser,
  EmulatedUsergroup,
  EmulatorChange,
  Ephemeral,
  Message,
  StoredFile,
  View,
} from './emulator-types.js';

export const TRIGGER_TTL_MS = 3_000;
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
export const RESPONSE_URL_MAX_USES = 5;

export interface ResponseTarget {
  readonly channel: string;
  readonly user: string;
  /** The message a click came from (what `replace_original` / `delete_original` act on). */
  readonly messageTs?: string;
  readonly ephemeral?: boolean;
  readonly expiresAt: number;
  uses: number;
}

interface Trigger {
  readonly userId: string;
  readonly expiresAt: number;
  used: boolean;
}

export interface BotIdentity {
  readonly userId: string;
  readonly botId: string;
  readonly name: string;
}

/** What survives a restart of the emulator: the workspace's records and the counters that mint ids and ts. */
export interface StateSnapshot {
  readonly ids: number;
  readonly lastTs: readonly (readonly [string, number])[];
  readonly channels: readonly Channel[];
  readonly messages: readonly Message[];
  readonly ephemerals: readonly Ephemeral[];
  readonly views: readonly View[];
  /** Absent in workspaces saved before Home tabs were kept. */
  readonly homes?: readonly View[];
  readonly files: readonly Omit<StoredFile, 'content'>[];
}

const formatTs = (micros: number): string => `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;

export class EmulatorState {
  readonly channels: Channel[] = [];
  readonly messages: Message[] = [];
  readonly ephemerals: Ephemeral[] = [];
  readonly views: View[] = [];
  /** Each person's Home tab as the app last published it (views.publish). */
  readonly homes: View[] = [];
  readonly files: StoredFile[] = [];
  readonly calls: Call[] = [];
  readonly users: EmulatedUser[];
  readonly usergroups: EmulatedUsergroup[];
  readonly responseUrls = new Map<string, ResponseTarget>();
  /** Who may create channels: workspaces can limit it to admins, and a bot is never one. */
  channelCreation: 'everyone' | 'admins' = 'everyone';
  /** Who may archive channels: a separate setting of the same kind, which a bot does not pass when it is admins. */
  channelArchiving: 'everyone' | 'admins' = 'everyone';
  /** The bot token's scopes; undefined grants every one (scopes not modelled). */
  scopes: readonly string[] | undefined;
  private readonly triggers = new Map<string, Trigger>();
  private readonly lastTs = new Map<string, number>();
  private readonly listeners = new Set<(change: EmulatorChange) => void>();
  private ids = 0;

  constructor(
    readonly teamId: string,
    readonly bot: BotIdentity,
    users: readonly EmulatedUser[],
    usergroups: readonly EmulatedUsergroup[],
    readonly now: () => number,
  ) {
    this.users = [...users];
    if (!this.users.some((u) => u.id === bot.userId)) {
      this.users.push({ id: bot.userId, name: bot.name, realName: bot.name, isBot: true });
    }
    this.usergroups = usergroups.map((g) => ({ ...g, users: [...g.users] }));
  }

  /** Mints Slack-looking ids: a type letter and ten base-36 characters, e.g. `C0000000001`. */
  private mint(letter: string): string {
    return `${letter}${(++this.ids).toString(36).toUpperCase().padStart(10, '0')}`;
  }

  newId(letter: 'C' | 'F' | 'V' | 'B' | 'U' | 'S' | 'E'): string {
    return this.mint(letter);
  }

  /** The records worth keeping across a restart (file contents are the caller's to store). */
  snapshot(): StateSnapshot {
    return {
      ids: this.ids,
      lastTs: [...this.lastTs],
      channels: this.channels,
      messages: this.messages,
      ephemerals: this.ephemerals,
      views: this.views,
      homes: this.homes,
      files: this.files.map(({ content: _content, ...file }) => file),
    };
  }

  /** Takes back what snapshot() gave, replacing the current records. */
  restore(snapshot: StateSnapshot, contentOf: (fileId: string) => Buffer | undefined): void {
    this.ids = Math.max(this.ids, snapshot.ids);
    for (const [channel, micros] of snapshot.lastTs) this.lastTs.set(channel, micros);
    this.channels.splice(0, this.channels.length, ...snapshot.channels);
    this.messages.splice(0, this.messages.length, ...snapshot.messages);
    this.ephemerals.splice(0, this.ephemerals.length, ...snapshot.ephemerals);
    this.views.splice(0, this.views.length, ...snapshot.views);
    this.homes.splice(0, this.homes.length, ...(snapshot.homes ?? []));
    this.files.splice(
      0,
      this.files.length,
      ...snapshot.files.map((file) => {
        const content = contentOf(file.id);
        return content === undefined ? { ...file } : { ...file, content };
      }),
    );
  }

  /** A per-channel, strictly increasing `1764400000.000100`-style timestamp. */
  nextTs(channel: string): string {
    const micros = Math.max(this.now() * 1000, (this.lastTs.get(channel) ?? 0) + 100);
    this.lastTs.set(channel, micros);
    return formatTs(micros);
  }

  /** Finds a channel by its id only, as most Web API methods do. */
  channelById(id: string): Channel | undefined {
    return this.channels.find((c) => c.id === id);
  }

  /** Finds a channel by id, by name, or by `#name`. */
  channel(idOrName: string): Channel | undefined {
    const name = idOrName.replace(/^#/, '');
    return this.channels.find((c) => c.id === idOrName) ?? this.channels.find((c) => c.name === name);
  }

  user(id: string): EmulatedUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  addChannel(name: string, creator: string, isPrivate: boolean, members: readonly string[]): Channel {
    const channel: Channel = {
      id: this.newId('C'),
      name,
      created: Math.floor(this.now() / 1000),
      creator,
      isPrivate,
      isArchived: false,
      topic: '',
      purpose: '',
      members: [...new Set(members)],
      pins: [],
      bookmarks: [],
    };
    this.channels.push(channel);
    this.emit({ kind: 'channel', channel: channel.id });
    return channel;
  }

  message(channel: string, ts: string): Message | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  addMessage(fields: Omit<Message, 'ts' | 'reactions' | 'replyCount'>): Message {
    const message: Message = { ...fields, ts: this.nextTs(fields.channel), reactions: [], replyCount: 0 };
    this.messages.push(message);
    if (message.threadTs !== undefined) {
      const parent = this.message(message.channel, message.threadTs);
      if (parent) parent.replyCount += 1;
    }
    this.emit({ kind: 'message', channel: message.channel });
    return message;
  }

  addEphemeral(fields: Omit<Ephemeral, 'ts'>): Ephemeral {
    const ephemeral: Ephemeral = { ...fields, ts: this.nextTs(fields.channel) };
    this.ephemerals.push(ephemeral);
    this.emit({ kind: 'ephemeral', channel: ephemeral.channel, userId: ephemeral.user });
    return ephemeral;
  }

  mintTrigger(userId: string): string {
    const id = `${Math.floor(this.now() / 1000)}.${this.mint('T').slice(1)}.${randomBytes(8).toString('hex')}`;
    this.triggers.set(id, { userId, expiresAt: this.now() + TRIGGER_TTL_MS, used: false });
    return id;
  }

  /** Uses a trigger id once, the way views.open/push do; answers Slack's error name when it cannot. */
  exchangeTrigger(id: unknown): { ok: true; userId: string } | { ok: false; error: string } {
    const trigger = typeof id === 'string' ? this.triggers.get(id) : undefined;
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.now() > trigger.expiresAt) return { ok: false, error: 'expired_trigger_id' };
    trigger.used = true;
    return { ok: true, userId: trigger.userId };
  }

  mintResponseUrl(baseUrl: string, target: Omit<ResponseTarget, 'expiresAt' | 'uses'>): string {
    const id = randomBytes(12).toString('hex');
    this.responseUrls.set(id, { ...target, expiresAt: this.now() + RESPONSE_URL_TTL_MS, uses: 0 });
    return `${baseUrl}/respond/${id}`;
  }

  onChange(listener: (change: EmulatorChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: EmulatorChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
