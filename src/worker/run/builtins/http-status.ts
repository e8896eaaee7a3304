// The dashboard's status from the running system over HTTP (never by starting a second copy of it):
// GET the URL, report the status line and the page title. Only loopback URLs pass the catalogue pattern.
import type { Builtin } from '../builtin.js';
import { optionString } from '../builtin.js';

const TITLE = /<title[^>]*>([^<]{0,200})<\/title>/i;

// Exit 0 when the server answers 2xx/3xx; an unreachable or failing dashboard is a failed check.
export const httpStatus: Builtin = async ({ options, params, signal, print }) => {
  const url = params['url'] ?? optionString(options, 'url');
  const timeout = AbortSignal.timeout(5000);
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.any([signal, timeout]) });
    const body = (await response.text()).slice(0, 64 * 1024);
    const title = TITLE.exec(body)?.[1]?.trim();
    print(`${url}: HTTP ${response.status} ${response.statusText}${title ? ` — ${title}` : ''}`);
    return { exitCode: response.status < 400 ? 0 : 1 };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = (cause as NodeJS.ErrnoException).code;
    const why = timeout.aborted ? 'no answer within 5 s' : code === 'ECONNREFUSED' ? 'connection refused (not running?)' : String(code ?? (cause as Error).message);
    print(`${url}: not reachable: ${why}`);
    return { exitCode: 1 };
  }
};
