// A zod failure as the one-line reason a 400 answer carries.
import type { z } from 'zod';

export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid payload';
  const path = issue.path.map(String).join('.');
  return `${path || 'body'}: ${issue.message}`.replace(/\s+/g, ' ').slice(0, 200);
}
