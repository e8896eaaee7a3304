// Checks a request to run a catalogue command before anything runs: the worker re-resolves every job
// with this and never trusts the payload.
import { findCommand, type Catalogue, type CommandSpec, type ParamSpec } from './catalogue.js';
import { err, ok, type Result } from './result.js';
import { SEVERITIES, type Severity } from './severity.js';

/** Why a parameter value is refused, as data: each surface words it in its own language. */
export type ParamProblem =
  | { readonly kind: 'not_one_of'; readonly values: readonly string[] }
  | { readonly kind: 'not_whole_number' }
  | { readonly kind: 'out_of_range'; readonly min: number; readonly max: number }
  | { readonly kind: 'empty' }
  | { readonly kind: 'too_long'; readonly max: number }
  | { readonly kind: 'control_characters' }
  | { readonly kind: 'leading_dash' }
  | { readonly kind: 'no_match'; readonly pattern: string };

export type Refusal =
  | { readonly code: 'unknown_command'; readonly commandId: string }
  | { readonly code: 'bad_param'; readonly param: string; readonly why: ParamProblem }
  | { readonly code: 'missing_param'; readonly param: string }
  | { readonly code: 'unexpected_param'; readonly param: string }
  | {
      readonly code: 'severity_too_low';
      readonly commandId: string;
      readonly required: Severity;
      readonly actual: Severity;
    };

export interface ResolvedCommand {
  readonly spec: CommandSpec;
  /** Every declared parameter, defaults filled in, each value in its canonical string form. */
  readonly params: Readonly<Record<string, string>>;
}

const CANONICAL_INT = /^(0|-?[1-9][0-9]{0,15})$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Validates one raw value against its schema; the canonical string or why it is refused.
 * @example checkParam({ kind: 'int', min: 1, max: 16 }, '2') //=> { ok: true, value: '2' }
 */
export function checkParam(spec: ParamSpec, raw: string): Result<string, ParamProblem> {
  switch (spec.kind) {
    case 'enum':
      return spec.values.includes(raw) ? ok(raw) : err({ kind: 'not_one_of', values: spec.values });
    case 'int': {
      if (!CANONICAL_INT.test(raw)) return err({ kind: 'not_whole_number' });
      const value = Number(raw);
      return value >= spec.min && value <= spec.max ? ok(raw) : err({ kind: 'out_of_range', min: spec.min, max: spec.max });
    }
    case 'pattern': {
      if (raw.length === 0) return err({ kind: 'empty' });
      if (raw.length > spec.maxLength) return err({ kind: 'too_long', max: spec.maxLength });
      if (CONTROL.test(raw)) return err({ kind: 'control_characters' });
      if (raw.startsWith('-')) return err({ kind: 'leading_dash' });
      return new RegExp(spec.pattern, 'u').test(raw) ? ok(raw) : err({ kind: 'no_match', pattern: spec.pattern });
    }
  }
}

const rank = (severity: Severity): number => SEVERITIES.length - SEVERITIES.indexOf(severity);

/**
 * Resolves a command id and raw parameters against the catalogue. Without a severity (a host-side
 * `klaxon exec`), `minSeverity` is not checked.
 * @example resolveCommand(catalogue, 'network.port-check', {}) //=> { ok: true, value: { spec, params: { port: '5000' } } }
 */
export function resolveCommand(
  catalogue: Catalogue,
  commandId: string,
  rawParams: Readonly<Record<string, string>>,
  options: { readonly severity?: Severity } = {},
): Result<ResolvedCommand, Refusal> {
  const spec = findCommand(catalogue, commandId);
  if (!spec) return err({ code: 'unknown_command', commandId });
  if (spec.minSeverity && options.severity && rank(options.severity) < rank(spec.minSeverity)) {
    return err({ code: 'severity_too_low', commandId, required: spec.minSeverity, actual: options.severity });
  }
  const declared = spec.params ?? {};
  for (const name of Object.keys(rawParams)) {
    if (!Object.hasOwn(declared, name)) return err({ code: 'unexpected_param', param: name });
  }
  const params: Record<string, string> = {};
  for (const [name, paramSpec] of Object.entries(declared)) {
    const given = Object.hasOwn(rawParams, name) ? rawParams[name] : undefined;
    const raw = given ?? (paramSpec.default === undefined ? undefined : String(paramSpec.default));
    if (raw === undefined) return err({ code: 'missing_param', param: name });
    const checked = checkParam(paramSpec, raw);
    if (!checked.ok) return err({ code: 'bad_param', param: name, why: checked.error });
    params[name] = checked.value;
  }
  return ok({ spec, params });
}

/**
 * Parameters as canonical JSON (keys sorted), so equal requests digest and dedupe equally.
 * @example canonicalParams({ b: '2', a: '1' }) //=> '{"a":"1","b":"2"}'
 */
export function canonicalParams(params: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(params)
    .sort()
    .map((key) => [key, params[key]] as const);
  return JSON.stringify(Object.fromEntries(sorted));
}

/**
 * A parameter problem in plain English (the CLI's and the logs' words).
 * @example describeParamProblem({ kind: 'out_of_range', min: 1, max: 16 }) //=> 'must be between 1 and 16'
 */
export function describeParamProblem(problem: ParamProblem): string {
  switch (problem.kind) {
    case 'not_one_of':
      return `must be one of ${problem.values.join(', ')}`;
    case 'not_whole_number':
      return 'must be a whole number';
    case 'out_of_range':
      return `must be between ${problem.min} and ${problem.max}`;
    case 'empty':
      return 'must not be empty';
    case 'too_long':
      return `must be at most ${problem.max} characters`;
    case 'control_characters':
      return 'must not contain control characters';
    case 'leading_dash':
      return 'must not start with "-"';
    case 'no_match':
      return `must match ${problem.pattern}`;
  }
}

/**
 * A refusal as one plain English line (the CLI and error logs use it; Slack renders its own).
 * @example describeRefusal({ code: 'missing_param', param: 'strategy' }) //=> 'missing parameter "strategy"'
 */
export function describeRefusal(refusal: Refusal): string {
  switch (refusal.code) {
    case 'unknown_command':
      return `unknown command "${refusal.commandId}"`;
    case 'bad_param':
      return `parameter "${refusal.param}" ${describeParamProblem(refusal.why)}`;
    case 'missing_param':
      return `missing parameter "${refusal.param}"`;
    case 'unexpected_param':
      return `unexpected parameter "${refusal.param}"`;
    case 'severity_too_low':
      return `"${refusal.commandId}" needs a ${refusal.required} incident or worse (this one is ${refusal.actual})`;
  }
}

/**
 * The catalogue with one parameter's default replaced (a host setting such as the dashboard URL), checked
 * against the parameter's own rule so a bad setting is refused at start-up, not at the first run.
 * @example withParamDefault(catalogue, 'monitor.dashboard-status', 'url', 'http://127.0.0.1:9090') //=> { ok: true, value: [ … ] }
 */
export function withParamDefault(catalogue: Catalogue, commandId: string, param: string, value: string): Result<Catalogue, string> {
  const spec = findCommand(catalogue, commandId)?.params?.[param];
  if (!spec) return err(`${commandId} has no parameter ${param}`);
  const checked = checkParam(spec, value);
  if (!checked.ok) return err(`${commandId} ${param} ${value}: ${checked.error}`);
  const defaulted = { ...spec, default: spec.kind === 'int' ? Number(checked.value) : checked.value } as ParamSpec;
  return ok(catalogue.map((command) => (command.id === commandId ? { ...command, params: { ...command.params, [param]: defaulted } } : command)));
}
