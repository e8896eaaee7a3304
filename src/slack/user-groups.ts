// The user groups a person is in, for role checks. A Slack call must never sit on a request's path, so the
// groups are listed (usergroups.list) once the bot is up and again every five minutes behind the answers. A
// listing that failed is tried again after RETRY_MS, not after five minutes: a bot started while Slack failed
// that one call would otherwise refuse every role for five minutes. Until one has succeeded, a role check waits
// for the next try (it has nothing else to go on), for at most WAIT_MS, as its request is answered within 3 s;
// then it is told that the groups are not known, so that a refusal can say it could not check, not "no role".
import type { WebClient } from '@slack/web-api';
import { within } from '../app/within.js';
import type { Logger } from '../logger.js';

export const FRESH_MS = 300_000;
export const RETRY_MS = 15_000;
export const WAIT_MS = 1_000;

export interface UserGroups {
  /** The ids of the groups the person is in, as last listed; undefined while no listing has succeeded. */
  groupsOf(userId: string): Promise<readonly string[] | undefined>;
  /** Lists the groups now (one listing at a time); never rejects. */
  refresh(): Promise<void>;
}

export function createUserGroups(client: Pick<WebClient, 'usergroups'>, now: () => number, logger: Logger): UserGroups {
  let groups = new Map<string, string[]>();
  let listedAt = 0;
  let failed = false;
  let listed = false;
  let listing: Promise<void> | undefined;

  const refresh = (): Promise<void> =>
    (listing ??= (async () => {
      try {
        // Straight to the client, without the wrapper's retries: a role check may be waiting on this answer.
        const list = await client.usergroups.list({ include_users: true });
        groups = new Map((list.usergroups ?? []).map((g) => [String(g.id), (g.users ?? []).map(String)]));
        failed = false;
        listed = true;
      } catch (error) {
        failed = true;
        logger.warn({ err: (error as Error).message }, 'could not list user groups; role checks see the last known groups');
      } finally {
        listedAt = now();
        listing = undefined;
      }
    })());

  return {
    refresh,
    async groupsOf(userId) {
      const due = listedAt === 0 || now() - listedAt > (failed ? RETRY_MS : FRESH_MS);
      if (due && !listed) await within(refresh(), WAIT_MS);
      else if (due) void refresh();
      if (!listed) return undefined;
      return [...groups].filter(([, users]) => users.includes(userId)).map(([id]) => id);
    },
  };
}
