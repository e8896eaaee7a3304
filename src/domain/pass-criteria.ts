// Content judgement of a finished run: a verification that exits 0 but prints a failure has failed.
import type { CommandSpec } from './catalogue.js';

// The reason a successful exit is not a pass, or undefined when it is (or the entry declares nothing).
export function unmetCriterion(spec: CommandSpec, output: string): string | undefined {
  if (spec.passWhen === undefined) return undefined;
  return new RegExp(spec.passWhen.output, 'm').test(output) ? undefined : `pass criterion not met: ${spec.passWhen.description}`;
}
