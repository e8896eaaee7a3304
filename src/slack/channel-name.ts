// The incident channel name rule: inc-<yyyymmdd>-<nnn>-<slug>, lowercase, at most 80 characters, and a
// numbered variant for when the name is taken.
import type { Incident } from '../domain/incident.js';
import { formatInstant } from '../domain/time.js';

const MAX = 80;

/**
 * Title → slug under Slack's rules: lowercase letters of any script, digits, `-` and `_`; spaces, periods and
 * other punctuation become `-`. Japanese stays Japanese (full-width letters and half-width kana are
 * normalised); Latin accents are dropped so `café` reads `cafe`.
 * @example slugify('バックテストが起動しない main.py クラッシュ') //=> 'バックテストが起動しない-main-py-クラッシュ'
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(/[^\p{Ll}\p{Lo}\p{Lm}\p{N}\p{M}_]+/gu, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

// Cuts at most `max` code points (Slack counts characters, and a surrogate pair must not be split).
const head = (text: string, max: number): string => Array.from(text).slice(0, Math.max(0, max)).join('');

/**
 * @example channelName({ number: 7, title: 'DB down!', declaredAt }, 'Asia/Tokyo') //=> 'inc-20260310-007-db-down'
 * attempt 2 and up append `-2`, `-3`… (still within 80 characters) for a name that is taken.
 */
export function channelName(incident: Pick<Incident, 'number' | 'title' | 'declaredAt'>, timeZone: string, attempt = 1): string {
  const base = `inc-${formatInstant(incident.declaredAt, timeZone, 'yyyyMMdd')}-${String(incident.number).padStart(3, '0')}`;
  const suffix = attempt > 1 ? `-${attempt}` : '';
  const room = MAX - base.length - suffix.length - 1;
  const slug = head(slugify(incident.title), room).replace(/[-_]+$/, '');
  return `${base}${slug ? `-${slug}` : ''}${suffix}`;
}
