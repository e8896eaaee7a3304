// Runs one catalogue command on this host: argv through execa or a builtin, with the spec's timeout and
// output cap, a minimal environment, and redaction before anything is kept or streamed.
import { realpath } from 'node:fs/promises';
import type { CommandSpec } from '../../domain/catalogue.js';
import type { RunFile, RunOutcome, RunResult } from '../../domain/run-result.js';
import { unmetCriterion } from '../../domain/pass-criteria.js';
import { buildArgv } from './build-argv.js';
import type { BuiltinOutcome } from './builtin.js';
import { builtins } from './builtin-registry.js';
import { digestFile } from './file-digest.js';
import { minimalEnv } from './minimal-env.js';
import { createOutputCapture } from './output-capture.js';
import { createRedactor, redact } from '../../domain/redact.js';
import { hostHelpersDir } from './host-helpers.js';
import { effectiveArgv, pythonEnv } from './read-only-argv.js';
import { runProcess } from './run-process.js';
import { withScratch } from './run-scratch.js';
import { resolveInside } from './safe-path.js';

export interface RunContext {
  /** BACKTEST_ROOT: the working directory and the fence for every path. */
  readonly root: string;
  /** BACKTEST_PYTHON, substituted for `{python}`. */
  readonly python: string;
  readonly signal?: AbortSignal;
  /** Redacted output as it arrives (for progress updates). */
  readonly onOutput?: (chunk: string) => void;
  readonly now: () => number;
  /** Where PATH, HOME, LANG and TZ are taken from (the entry point passes its environment). */
  readonly hostEnv?: Readonly<Record<string, string | undefined>>;
  /** Time between SIGTERM and SIGKILL on timeout or cancel; default 2 s. */
  readonly killGraceMs?: number;
  /** klaxon's host/ helpers folder for `{helper:name}`; default: the one beside this installation. */
  readonly helpers?: string;
}

interface Ended {
  readonly outcome: RunOutcome;
  readonly exitCode: number | null;
  readonly signal?: string;
  readonly files: readonly string[];
}

type Emit = (text: string) => void;

const JUDGED_CHARS = 64 * 1024;

type RunEnv = Readonly<Record<string, string>>;

async function runArgv(spec: CommandSpec & { action: { kind: 'argv' } }, params: Readonly<Record<string, string>>, root: string, ctx: RunContext, env: RunEnv, emit: Emit): Promise<Ended> {
  const stdout = createRedactor();
  const stderr = createRedactor();
  const argv = buildArgv({ kind: 'argv', argv: effectiveArgv(spec) }, params, ctx.python, ctx.helpers ?? hostHelpersDir());
  const end = await runProcess(argv, {
    cwd: root,
    env: { ...env, ...pythonEnv(spec) },
    timeoutMs: spec.timeoutMs,
    graceMs: ctx.killGraceMs ?? 2000,
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
    onStdout: (text) => emit(stdout.push(text)),
    onStderr: (text) => emit(stderr.push(text)),
  });
  emit(stdout.flush());
  emit(stderr.flush());
  if (end.startError !== undefined) emit(`klaxon: could not start the command: ${redact(end.startError)}\n`);
  const outcome: RunOutcome = end.canceled ? 'canceled' : end.timedOut ? 'timed_out' : end.exitCode === 0 ? 'succeeded' : 'failed';
  return { outcome, exitCode: end.exitCode, ...(end.signal === undefined ? {} : { signal: end.signal }), files: [] };
}

async function runBuiltin(spec: CommandSpec & { action: { kind: 'builtin' } }, params: Readonly<Record<string, string>>, root: string, ctx: RunContext, env: RunEnv, emit: Emit): Promise<Ended> {
  const builtin = builtins[spec.action.builtin];
  if (builtin === undefined) throw new Error(`unknown builtin "${spec.action.builtin}" in ${spec.id}`);
  if (ctx.signal?.aborted) return { outcome: 'canceled', exitCode: null, files: [] };
  const redactor = createRedactor();
  const abort = new AbortController();
  let stopped: 'timed_out' | 'canceled' | undefined;
  let wake: () => void = () => undefined;
  const interrupted = new Promise<void>((resolve) => (wake = resolve));
  const stop = (why: 'timed_out' | 'canceled'): void => {
    stopped ??= why;
    abort.abort();
    wake();
  };
  const timer = setTimeout(() => stop('timed_out'), spec.timeoutMs);
  const onAbort = (): void => stop('canceled');
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  const run = builtin({
    root,
    options: spec.action.options ?? {},
    params,
    now: ctx.now,
    signal: abort.signal,
    print: (line) => {
      if (stopped === undefined) emit(redactor.push(`${line}\n`));
    },
    python: ctx.python,
    env,
    killGraceMs: ctx.killGraceMs ?? 2000,
  }).then(
    (outcome): BuiltinOutcome => outcome,
    (error: unknown): BuiltinOutcome => {
      emit(redactor.push(`klaxon: builtin ${spec.action.builtin} failed: ${error instanceof Error ? error.message : String(error)}\n`));
      return { exitCode: 1 };
    },
  );
  const finished = await Promise.race([run, interrupted.then(() => undefined)]);
  clearTimeout(timer);
  ctx.signal?.removeEventListener('abort', onAbort);
  emit(redactor.flush());
  if (finished === undefined || stopped !== undefined) return { outcome: stopped ?? 'canceled', exitCode: null, files: [] };
  return { outcome: finished.exitCode === 0 ? 'succeeded' : 'failed', exitCode: finished.exitCode, files: finished.files ?? [] };
}

async function digestFiles(root: string, paths: readonly string[]): Promise<RunFile[]> {
  const files: RunFile[] = [];
  for (const path of paths) {
    const resolved = await resolveInside(root, path);
    if (!resolved.ok) continue;
    const digest = await digestFile(resolved.value).catch(() => undefined);
    if (digest) files.push({ path, ...digest });
  }
  return files;
}

// Runs the spec with already-validated params (see resolveCommand); a failing command is a result, not an error.
export async function runCommand(spec: CommandSpec, params: Readonly<Record<string, string>>, ctx: RunContext): Promise<RunResult> {
  const startedAt = ctx.now();
  const capture = createOutputCapture(spec.outputCapBytes);
  // The end of the output, whatever the cap kept, is what pass criteria are judged on.
  let judged = '';
  const emit: Emit = (text) => {
    if (text === '') return;
    capture.write(text);
    if (spec.passWhen !== undefined) judged = (judged + text).slice(-JUDGED_CHARS);
    ctx.onOutput?.(text);
  };
  const root = await realpath(ctx.root).catch(() => undefined);
  let ended: Ended;
  if (root === undefined) {
    emit(`klaxon: BACKTEST_ROOT ${redact(ctx.root)} does not exist\n`);
    ended = { outcome: 'failed', exitCode: null, files: [] };
  } else {
    const { action } = spec;
    // Its own temporary folder (run-scratch.ts).
    ended = await withScratch(
      minimalEnv(ctx.hostEnv ?? {}),
      (env) => (action.kind === 'argv' ? runArgv({ ...spec, action }, params, root, ctx, env, emit) : runBuiltin({ ...spec, action }, params, root, ctx, env, emit)),
      (why) => emit(`klaxon: no temporary folder of its own for this run (${redact(why)}); it uses the host's\n`),
    );
  }
  if (ended.outcome === 'succeeded') {
    const unmet = unmetCriterion(spec, judged);
    if (unmet !== undefined) {
      emit(`klaxon: ${unmet}\n`);
      ended = { ...ended, outcome: 'failed' };
    }
  }
  const files = root === undefined ? [] : await digestFiles(root, ended.files);
  return {
    commandId: spec.id,
    outcome: ended.outcome,
    exitCode: ended.exitCode,
    ...(ended.signal === undefined ? {} : { signal: ended.signal }),
    durationMs: Math.max(0, ctx.now() - startedAt),
    ...capture.finish(),
    files,
  };
}
