// Runs one argv (never a shell) as the leader of its own process group, streams its output, and on
// timeout or cancel kills the whole group: SIGTERM, then SIGKILL after a grace period.
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { execa } from 'execa';
import { killProcessGroup } from './kill-process-group.js';
import { supervisedArgv, supervises } from './supervisor.js';

export interface ProcessOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Time between SIGTERM and SIGKILL. */
  readonly graceMs: number;
  readonly signal?: AbortSignal;
  readonly onStdout: (text: string) => void;
  readonly onStderr: (text: string) => void;
}

export interface ProcessEnd {
  readonly exitCode: number | null;
  readonly signal?: string;
  readonly timedOut: boolean;
  readonly canceled: boolean;
  /** Set when the program could not be started at all. */
  readonly startError?: string;
}

const pipe = (stream: Readable | null | undefined, sink: (text: string) => void): void => {
  if (!stream) return;
  const decoder = new StringDecoder('utf8');
  stream.on('data', (chunk: Buffer | string) => sink(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
  stream.on('end', () => sink(decoder.end()));
};

// Runs to completion (or to the kill) and reports how it ended; never throws for the command's sake.
export async function runProcess(argv: readonly [string, ...string[]], options: ProcessOptions): Promise<ProcessEnd> {
  if (options.signal?.aborted) return { exitCode: null, timedOut: false, canceled: true };
  const supervised = supervises();
  // Under the supervisor, stdin is the pipe whose end tells it the worker died, and fd 3 a start failure.
  const [file, args] = supervised ? supervisedArgv(argv[0], argv.slice(1), options.graceMs) : [argv[0], argv.slice(1)];
  const subprocess = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    detached: true,
    cleanup: true,
    buffer: false,
    stdio: supervised ? ['pipe', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
    reject: false,
    windowsHide: true,
    forceKillAfterDelay: false,
  });
  pipe(subprocess.stdout, options.onStdout);
  pipe(subprocess.stderr, options.onStderr);
  let notStarted = '';
  pipe(subprocess.stdio[3] as Readable | undefined, (text) => (notStarted += text));

  let timedOut = false;
  let canceled = false;
  const timers: NodeJS.Timeout[] = [];
  const killGroup = (): void => {
    const pid = subprocess.pid;
    if (pid === undefined) return;
    killProcessGroup(pid, 'SIGTERM');
    timers.push(setTimeout(() => killProcessGroup(pid, 'SIGKILL'), options.graceMs));
  };
  timers.push(
    setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs),
  );
  const onAbort = (): void => {
    canceled = true;
    killGroup();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // When the leader exits, stragglers it left in its group would hold the pipes open: end them too.
  subprocess.once('exit', () => {
    if (!timedOut && !canceled) killGroup();
  });

  const result = await subprocess;
  options.signal?.removeEventListener('abort', onAbort);
  for (const timer of timers) clearTimeout(timer);
  const startError = subprocess.pid === undefined ? result.shortMessage || result.message : notStarted || undefined;
  const exitCode = typeof result.exitCode === 'number' && startError === undefined ? result.exitCode : null;
  const signal = result.signal ?? undefined;
  return {
    exitCode,
    ...(signal === undefined ? {} : { signal }),
    timedOut,
    canceled,
    ...(startError === undefined ? {} : { startError }),
  };
}
