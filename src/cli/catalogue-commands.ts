// `klaxon commands` and `klaxon exec`: the catalogue and the operator's dry run on this host.
import { catalogue } from '../../commands/index.js';
import type { Io } from '../cli.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { commandsCli } from '../worker/cli/commands-cli.js';
import { execCli } from '../worker/cli/exec-cli.js';
import { hostCatalogue } from '../worker/host-catalogue.js';
import { waitForSignal } from './wait-for-signal.js';

export async function commandsCommand(args: readonly string[], config: Config, _logger: Logger, io: Io): Promise<number> {
  return commandsCli(args, io, hostCatalogue(catalogue, config));
}

export async function execCommand(args: readonly string[], config: Config, _logger: Logger, io: Io): Promise<number> {
  // Ctrl-C cancels the command (and its whole process group) instead of orphaning it.
  const cancel = new AbortController();
  void waitForSignal().then(() => cancel.abort());
  return execCli(args, io, { root: config.backtestRoot, python: config.backtestPython, catalogue: hostCatalogue(catalogue, config), hostEnv: config.hostEnv, signal: cancel.signal });
}
