// What every message builder returns: blocks plus the `text` fallback that notifications and screen readers use.
import type { KnownBlock } from '@slack/types';
import type { CommandSpec } from '../../domain/catalogue.js';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

// Finds a catalogue entry by id (a Map's get, or a lookup over commands/).
export type CommandLookup = (commandId: string) => CommandSpec | undefined;
