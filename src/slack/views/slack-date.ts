// Slack's date token shows an instant in each reader's own zone; the fallback (old clients, notifications,
// the sandbox console) is the team-zone time.
import type { Instant } from '../../domain/incident.js';
import { teamTime } from './team-time.js';

// `<!date^1773105300^{date_short_pretty} {time}|2026-03-10 10:15 JST>`
export function slackDate(at: Instant, timeZone: string, format = '{date_short_pretty} {time}'): string {
  return `<!date^${Math.floor(at / 1000)}^${format}|${teamTime(at, timeZone)}>`;
}
