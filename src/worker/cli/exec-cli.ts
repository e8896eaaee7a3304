// `klaxon exec <command-id> [--param k=v]… [--json]`: resolves one catalogue command, runs it on this
// host and prints its result. A refusal is one clear line and exit code 2.
import { catalogue as defaultCatalogue } from '../../../commands/index.js';
import type { Catalogue } from '../../domain/catalogue.js';
import { describeRefusal, resolveCommand } from '../../domain/command-resolution.js';
import type { RunResult } from '../../domain/run-result.js';
import { err, ok, type Result } from '../../domain/result.js';
import { runCommand } from '../run/run-command.js';
import type { CliIo } from './cli-io.js';

export interface ExecOptions {
  readonly root: string | undefined;
  readonly python: string;
  /** Defaults to the allow-list in commands/. */
  readonly catalogue?: Catalogue;
  readonly now?: () => number;
  readonly hostEnv?: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

interface ExecArgs {
  readonly commandId: string;
  readonly params: Readonly<Record<string, string>>;
  readonly json: boolean;
}

const USAGE = 'usage: klaxon exec <command-id> [--param k=v]… [--json]';

// Parses the arguments after `exec`.
export function parseExecArgs(args: readonly string[]): Result<ExecArgs, string> {
  let commandId: string | undefined;
  let json = false;
  const params: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--param' || arg === '-p' || arg.startsWith('--param=')) {
      const pair = arg.startsWith('--param=') ? arg.slice('--param='.length) : args[++i];
      const eq = pair?.indexOf('=') ?? -1;
      if (pair === undefined || eq <= 0) return err(`--param needs k=v (${USAGE})`);
      const name = pair.slice(0, eq);
      if (Object.hasOwn(params, name)) return err(`parameter "${name}" given twice`);
      params[name] = pair.slice(eq + 1);
    } else if (arg.startsWith('-')) return err(`unknown option '${arg}' (${USAGE})`);
    else if (commandId === undefined) commandId = arg;
    else return err(`unexpected argument '${arg}' (${USAGE})`);
  }
  return commandId === undefined ? err(USAGE) : ok({ commandId, params, json });
}

const renderText = (result: RunResult): string =>
  [
    `command:  ${result.commandId}`,
    `outcome:  ${result.outcome}`,
    `exit:     ${result.exitCode ?? '-'}${result.signal ? ` (${result.signal})` : ''}`,
    `duration: ${result.durationMs} ms`,
    `output:   ${result.outputBytes} bytes${result.truncatedBytes > 0 ? `, ${result.truncatedBytes} omitted` : ''}, sha256 ${result.outputDigest}`,
    ...result.files.map((file) => `file:     ${file.path} (${file.bytes} bytes, sha256 ${file.sha256})`),
    '--- output ---',
    result.output.replace(/\n?$/, '\n'),
  ].join('\n');

// Runs `klaxon exec`; exit code 0 when the command succeeded, 1 when it did not, 2 when refused.
export async function execCli(args: readonly string[], io: CliIo, options: ExecOptions): Promise<number> {
  const parsed = parseExecArgs(args);
  if (!parsed.ok) {
    io.stderr.write(`klaxon exec: ${parsed.error}\n`);
    return 2;
  }
  if (options.root === undefined || options.root === '') {
    io.stderr.write('klaxon exec: BACKTEST_ROOT is not set\n');
    return 2;
  }
  const resolved = resolveCommand(options.catalogue ?? defaultCatalogue, parsed.value.commandId, parsed.value.params);
  if (!resolved.ok) {
    io.stderr.write(`klaxon exec: refused: ${describeRefusal(resolved.error)}\n`);
    return 2;
  }
  const result = await runCommand(resolved.value.spec, resolved.value.params, {
    root: options.root,
    python: options.python,
    now: options.now ?? Date.now,
    ...(options.hostEnv === undefined ? {} : { hostEnv: options.hostEnv }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  io.stdout.write(parsed.value.json ? `${JSON.stringify(result, null, 2)}\n` : renderText(result));
  return result.outcome === 'succeeded' ? 0 : 1;
}
