// Turns a catalogue argv template into the real argv: `{python}` and `{name}` are replaced only when
// they are a whole element, so a parameter is always exactly one argument and never part of code.
import { join } from 'node:path';
import type { ArgvAction } from '../../domain/catalogue.js';

const PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;
const HELPER = /^\{helper:([a-z_][a-z0-9_]*)\}$/;

// Fills the template; throws on a placeholder without a value (the catalogue tests rule that out).
export function buildArgv(
  action: ArgvAction,
  params: Readonly<Record<string, string>>,
  python: string,
  helpersDir = '',
): readonly [string, ...string[]] {
  const fill = (element: string): string => {
    const helper = HELPER.exec(element)?.[1];
    if (helper !== undefined) {
      if (helpersDir === '') throw new Error(`argv element ${element} needs the host helpers folder`);
      return join(helpersDir, `${helper}.py`);
    }
    const name = PLACEHOLDER.exec(element)?.[1];
    if (name === undefined) return element;
    if (name === 'python') return python;
    const value = params[name];
    if (value === undefined) throw new Error(`argv placeholder {${name}} has no parameter value`);
    return value;
  };
  const [file, ...args] = action.argv;
  return [fill(file), ...args.map(fill)];
}
