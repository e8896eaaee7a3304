// The webhook token check: `Authorization: Bearer <token>` (or the bare token), compared in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export function tokenMatches(header: string | undefined, expected: string): boolean {
  if (!header) return false;
  const given = header.replace(/^\s*Bearer\s+/i, '').trim();
  // Hashing first gives equal lengths, so neither the content nor the length of the token leaks through timing.
  return timingSafeEqual(digest(given), digest(expected));
}
