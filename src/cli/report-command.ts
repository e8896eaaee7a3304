// `klaxon report <incident-id> [--out FILE]`: renders the §9 report again from what Redis holds.
import { writeFile } from 'node:fs/promises';
import { catalogue } from '../../commands/index.js';
import type { Io } from '../cli.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { compileReport } from '../app/compile-report.js';
import { policyOrComplain, whereLabel, withIncidentStore } from './read-store.js';

export async function reportCommand(args: readonly string[], config: Config, _logger: Logger, io: Io): Promise<number> {
  const [incidentId, ...rest] = args;
  const outIndex = rest.indexOf('--out');
  const out = outIndex >= 0 ? rest[outIndex + 1] : undefined;
  // Anything but `--out FILE` is a typo that would otherwise be ignored silently.
  const understood = rest.length === 0 || (rest.length === 2 && outIndex === 0 && out !== undefined && !out.startsWith('-'));
  if (!incidentId || incidentId.startsWith('-') || !understood) {
    io.stderr.write('usage: klaxon report <incident-id> [--out FILE]   (e.g. klaxon report inc-12)\n');
    return 2;
  }
  const policy = await policyOrComplain(config, io);
  if (policy === undefined) return 2;
  try {
    const compiled = await withIncidentStore(config, (store) => compileReport({ store, policy, catalogue, locale: config.locale, timeZone: config.timeZone }, incidentId, Date.now()));
    if (!compiled.ok) {
      io.stderr.write(`klaxon report: no incident ${incidentId} in ${whereLabel(config)} (prefix ${config.redisPrefix})\n`);
      return 1;
    }
    if (out) {
      await writeFile(out, compiled.value.markdown, { encoding: 'utf8', mode: 0o600 });
      io.stderr.write(`wrote ${out} (sha256 ${compiled.value.sha256})\n`);
    } else {
      io.stdout.write(compiled.value.markdown);
    }
    return 0;
  } catch (error) {
    io.stderr.write(`klaxon report: ${(error as Error).message}\n`);
    return 1;
  }
}
