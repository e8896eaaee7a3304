// People's display names from users.info, as Slack clients show them: the display name a person chose, else
// their full name. Cached for an hour per process, so a report of many people asks Slack once per person.
import { SlackPlatformError, type SlackApi } from './slack-api.js';

export type DisplayNames = (userId: string) => Promise<string | undefined>;

interface SlackUser {
  readonly real_name?: string;
  readonly profile?: { readonly display_name?: string; readonly real_name?: string };
}

const CACHE_MS = 3_600_000;

/** A cached lookup; undefined for someone Slack does not know (the caller shows the id). */
export function createDisplayNames(slack: SlackApi, now: () => number): DisplayNames {
  const cache = new Map<string, { readonly at: number; readonly name: string | undefined }>();
  return async (userId) => {
    const cached = cache.get(userId);
    if (cached && now() - cached.at < CACHE_MS) return cached.name;
    let name: string | undefined;
    try {
      const { user } = (await slack.users.info({ user: userId })) as { user?: SlackUser };
      name = [user?.profile?.display_name, user?.profile?.real_name, user?.real_name].map((n) => n?.trim()).find((n) => n) ?? undefined;
    } catch (error) {
      if (!(error instanceof SlackPlatformError && error.slackError === 'user_not_found')) throw error;
    }
    cache.set(userId, { at: now(), name });
    return name;
  };
}
