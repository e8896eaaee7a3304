// The incident channel name rule: inc-<yyyymmdd>-<nnn>-<slug>, lowercase, at most 80 characters, and a
// numbered variant for when the name is taken.
import type { Incident } from '../domain/incident.js';
import { formatInstant } from '../domain/time.js';

const MAX = 80;

/** Title → ascii slug; Japanese and other non-latin text drops out, leaving the number to identify it. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * @example channelName({ number: 7, title: 'DB down!', declaredAt }, 'Asia/Tokyo') //=> 'inc-20260310-007-db-down'
 * attempt 2 and up append `-2`, `-3`… (still within 80 characters) for a name that is taken.
 */
export function channelName(incident: Pick<Incident, 'number' | 'title' | 'declaredAt'>, timeZone: string, attempt = 1): string {
  const base = `inc-${formatInstant(incident.declaredAt, timeZone, 'yyyyMMdd')}-${String(incident.number).padStart(3, '0')}`;
  const suffix = attempt > 1 ? `-${attempt}` : '';
  const room = MAX - base.length - suffix.length - 1;
  const slug = slugify(incident.title).slice(0, Math.max(0, room)).replace(/-+$/, '');
  return `${base}${slug ? `-${slug}` : ''}${suffix}`;
}
