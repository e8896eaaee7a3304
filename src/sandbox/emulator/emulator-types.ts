// The records the emulator keeps: what a test or the web console can read back after the bot has talked to it.

export interface EmulatedUser {
  readonly id: string;
  readonly name: string;
  readonly realName: string;
  /** The display name the person chose (profile.display_name); Slack sends "" when they chose none. Default: `name`. */
  readonly displayName?: string;
  readonly title?: string;
  readonly tz?: string;
  readonly isBot?: boolean;
  /** A guest: `multi` (multi-channel, `is_restricted`) or `single` (single-channel, `is_ultra_restricted`). */
  readonly guest?: 'multi' | 'single';
  /** A deactivated account (`deleted: true`): it can be looked up but not invited. */
  readonly deactivated?: boolean;
}

export interface EmulatedUsergroup {
  readonly id: string;
  readonly handle: string;
  readonly name: string;
  readonly users: string[];
}

export interface Bookmark {
  readonly id: string;
  readonly title: string;
  readonly link?: string;
  readonly emoji?: string;
}

export interface Channel {
  readonly id: string;
  name: string;
  readonly created: number;
  readonly creator: string;
  readonly isPrivate: boolean;
  isArchived: boolean;
  topic: string;
  purpose: string;
  members: string[];
  pins: string[];
  bookmarks: Bookmark[];
  /** The channel's posting permissions keep posts to admins (an announcement channel): a bot is never one. */
  postingRestricted?: boolean;
}

export interface Reaction {
  readonly name: string;
  users: string[];
}

export interface Message {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs?: string;
  readonly user: string;
  readonly botId?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  files?: string[];
  reactions: Reaction[];
  replyCount: number;
  edited?: { user: string; ts: string };
  deleted?: boolean;
  /** Message metadata as posted (`event_type`, `event_payload`). */
  metadata?: { readonly event_type: string; readonly event_payload: Record<string, unknown> };
}

export interface Ephemeral {
  readonly channel: string;
  readonly user: string;
  ts: string;
  readonly threadTs?: string;
  text: string;
  blocks?: unknown[];
  /** `slack`: Slack's own words (a command that failed), not the app's. */
  readonly via: 'api' | 'response_url' | 'bot_answer' | 'slack';
  deleted?: boolean;
}

export interface View {
  readonly id: string;
  hash: string;
  readonly userId: string;
  readonly rootViewId: string;
  readonly previousViewId?: string;
  /** The view object as the bot sent it (title, blocks, callback_id, private_metadata, …). */
  view: Record<string, unknown>;
  state: 'open' | 'submitted' | 'closed';
  /** Errors the bot answered a submission with (`response_action: 'errors'`). */
  errors?: Record<string, string>;
}

export interface StoredFile {
  readonly id: string;
  readonly name: string;
  title: string;
  readonly declaredLength: number;
  readonly uploadedBy: string;
  readonly created: number;
  /** The secret part of its upload URL: file ids are sequential, so the id alone would let anyone write it. */
  readonly uploadKey?: string;
  content?: Buffer;
  channels: string[];
  completed: boolean;
}

export interface Call {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly at: number;
  status: number;
  ok: boolean;
  error?: string;
}

/** The bot's HTTP answer to something the Slack side sent it. */
export interface BotAnswer {
  readonly status: number;
  readonly body: string;
  readonly json?: unknown;
  readonly ms: number;
  /**
   * When the signed request left for the bot (epoch ms, fractional): after the emulator built and signed it,
   * which is Slack's work on Slack's machines. Absent when nothing was sent.
   */
  readonly sentAt?: number;
}

/** A change the web console listens to (over SSE) to know what to re-read. */
export interface EmulatorChange {
  readonly kind: 'channel' | 'message' | 'ephemeral' | 'view' | 'file' | 'call';
  readonly channel?: string;
  readonly userId?: string;
  readonly viewId?: string;
}
