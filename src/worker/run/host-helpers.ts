// klaxon's own Python helpers for the backtest host (host/): the read-only guard and the diagnostics
// the real system has no script for. Found by walking up from this module (works from src/ and dist/src/).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GUARD = 'klaxon_guard';

/** What the helpers import beyond the standard library and the project's modules (the host metrics read psutil). */
export const HELPER_PACKAGES: readonly string[] = ['psutil'];

// The host/ folder of this klaxon installation.
export function hostHelpersDir(start: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'host', `${GUARD}.py`))) return join(dir, 'host');
    if (dirname(dir) === dir) throw new Error(`host/${GUARD}.py not found above ${start}`);
  }
}
