import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { buildArgv } from '../../../src/worker/run/build-argv.js';

describe('buildArgv', () => {
  it('replaces only whole-element placeholders', () => {
    const action = { kind: 'argv', argv: ['{python}', '-c', "print(f'{x}')", '{x}', 'pre{x}', '{y}'] } as const;
    expect(buildArgv(action, { x: 'X', y: 'Y' }, '/usr/bin/python3')).toEqual(['/usr/bin/python3', '-c', "print(f'{x}')", 'X', 'pre{x}', 'Y']);
  });

  it('throws on a placeholder without a value (a catalogue bug)', () => {
    expect(() => buildArgv({ kind: 'argv', argv: ['{python}', '{missing}'] }, {}, 'python3')).toThrow('{missing}');
  });

  it('keeps any value as one element, unchanged', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const argv = buildArgv({ kind: 'argv', argv: ['{python}', 'a', '{v}', 'b'] }, { v: value }, 'py');
        expect(argv).toEqual(['py', 'a', value, 'b']);
      }),
    );
  });
});
