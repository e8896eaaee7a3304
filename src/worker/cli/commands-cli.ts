// `klaxon commands [--json]`: the allow-list as a table for people or as JSON for scripts.
import type { Catalogue, CommandSpec, ParamSpec } from '../../domain/catalogue.js';
import { effectiveArgv, runsGuarded } from '../run/read-only-argv.js';
import type { CliIo } from './cli-io.js';

const describeParam = (name: string, spec: ParamSpec): string => {
  const fallback = spec.default === undefined ? '' : `=${spec.default}`;
  switch (spec.kind) {
    case 'enum':
      return `${name}${fallback} (${spec.values.join('|')})`;
    case 'int':
      return `${name}${fallback} (${spec.min}..${spec.max})`;
    case 'pattern':
      return `${name}${fallback} (${spec.pattern})`;
  }
};

const paramsOf = (spec: CommandSpec): string =>
  Object.entries(spec.params ?? {})
    .map(([name, param]) => describeParam(name, param))
    .join(', ');

const flagsOf = (spec: CommandSpec): string =>
  [spec.requiresApproval ? 'approval' : '', spec.minSeverity ? `>=${spec.minSeverity}` : '', spec.ticks ? `ticks:${spec.ticks}` : '']
    .filter(Boolean)
    .join(' ');

// Exactly what the worker will run: the argv template (with the read-only guard the runner adds) or the
// builtin and its fixed options.
const actionOf = (spec: CommandSpec): Record<string, unknown> =>
  spec.action.kind === 'argv'
    ? { kind: 'argv', argv: effectiveArgv({ ...spec, action: spec.action }), ...(runsGuarded(spec) ? { readOnlyGuard: true } : {}) }
    : { kind: 'builtin', builtin: spec.action.builtin, options: spec.action.options ?? {} };

const describeAction = (spec: CommandSpec): string =>
  spec.action.kind === 'argv'
    ? effectiveArgv({ ...spec, action: spec.action })
        .map((el) => (/\s/.test(el) ? `'${el.split('\n')[0]}${el.includes('\n') ? ' …' : ''}'` : el))
        .join(' ')
    : `builtin ${spec.action.builtin} ${JSON.stringify(spec.action.options ?? {})}`;

// Prints the catalogue; exit code 0, or 2 on an unknown flag.
export function commandsCli(args: readonly string[], io: CliIo, catalogue: Catalogue): number {
  const unknown = args.filter((arg) => arg !== '--json');
  if (unknown.length > 0) {
    io.stderr.write(`klaxon commands: unknown argument '${unknown[0]}'. Usage: klaxon commands [--json]\n`);
    return 2;
  }
  if (args.includes('--json')) {
    const rows = catalogue.map((spec) => ({
      id: spec.id,
      risk: spec.risk,
      title: spec.title,
      runbook: spec.runbook,
      params: spec.params ?? {},
      timeoutMs: spec.timeoutMs,
      action: actionOf(spec),
      ...(spec.departure ? { departure: spec.departure } : {}),
      ...(spec.passWhen ? { passWhen: spec.passWhen } : {}),
      ...(spec.requiresApproval ? { requiresApproval: true } : {}),
      ...(spec.minSeverity ? { minSeverity: spec.minSeverity } : {}),
      ...(spec.ticks ? { ticks: spec.ticks } : {}),
    }));
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const idWidth = Math.max(...catalogue.map((spec) => spec.id.length), 2);
  io.stdout.write(`${'ID'.padEnd(idWidth)}  ${'RISK'.padEnd(11)}  TITLE\n`);
  for (const spec of catalogue) {
    const extra = [paramsOf(spec) && `params: ${paramsOf(spec)}`, flagsOf(spec)].filter(Boolean).join('; ');
    io.stdout.write(`${spec.id.padEnd(idWidth)}  ${spec.risk.padEnd(11)}  ${spec.title.en}${extra ? `  [${extra}]` : ''}\n`);
    const indent = ' '.repeat(idWidth + 15);
    io.stdout.write(`${indent}runs: ${describeAction(spec)}\n`);
    if (spec.departure) io.stdout.write(`${indent}differs from the runbook: ${spec.departure.en}\n`);
  }
  return 0;
}
