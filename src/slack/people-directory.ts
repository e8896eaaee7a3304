// Finding a person by the name someone typed (`@sysadmin.suzuki`, `@Suzuki`, `Suzuki (L2 sysadmin)`), for
// when Slack did not turn it into a mention (a name typed without the autocomplete, a display name with
// spaces). The workspace's member list is read with users.list (Tier 2) and kept for five minutes; a name
// not found in a list older than a minute reads it again once.
import type { SlackApi } from './slack-api.js';
import type { Logger } from '../logger.js';

interface Member {
  readonly id: string;
  /** Handle, display name and real name, lowercased. */
  readonly names: readonly string[];
}

const FRESH_MS = 300_000;
const RETRY_MS = 60_000;

/** A typed name as compared: no leading `@`, spaces collapsed, lowercase. */
export const normaliseName = (name: string): string => name.trim().replace(/^@/, '').replace(/\s+/g, ' ').toLowerCase();

export interface PeopleDirectory {
  /** The active people (no bots) whose handle, display name or real name is this name: one, none, or several. */
  find(name: string): Promise<readonly string[]>;
}

export function createPeopleDirectory(client: Pick<SlackApi, 'users'>, now: () => number, logger: Logger): PeopleDirectory {
  let members: readonly Member[] = [];
  let readAt = 0;
  let reading: Promise<void> | undefined;

  const read = (): Promise<void> =>
    (reading ??= (async () => {
      try {
        const all: Member[] = [];
        let cursor: string | undefined;
        do {
          const page = await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
          for (const user of page.members ?? []) {
            if (!user.id || user.deleted || user.is_bot) continue;
            const names = [user.name, user.profile?.display_name, user.real_name, user.profile?.real_name].filter((n): n is string => Boolean(n)).map(normaliseName);
            all.push({ id: user.id, names });
          }
          cursor = page.response_metadata?.next_cursor || undefined;
        } while (cursor);
        members = all;
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'could not list the workspace members; names are looked up in the last known list');
      } finally {
        readAt = now();
        reading = undefined;
      }
    })());

  const match = (name: string): string[] => {
    const wanted = normaliseName(name);
    return members.filter((m) => m.names.includes(wanted)).map((m) => m.id);
  };

  return {
    async find(name) {
      if (readAt === 0 || now() - readAt > FRESH_MS) await read();
      const found = match(name);
      if (found.length > 0 || now() - readAt < RETRY_MS) return found;
      await read();
      return match(name);
    },
  };
}
