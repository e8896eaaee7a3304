// Parameter values full of shell syntax are either refused by the schema or arrive as exactly one argv
// element; nothing they say is ever executed.
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catalogue } from '../../../commands/index.js';
import type { CommandSpec } from '../../../src/domain/catalogue.js';
import { resolveCommand } from '../../../src/domain/command-resolution.js';
import { runCommand } from '../../../src/worker/run/run-command.js';
import { context, PYTHON, tempDir } from './fixtures.js';

let root = '';
let python = '';
const CANARY = 'CANARY_INJECTED';

const PIECES = [
  ';', '|', '&&', '||', '$(', ')', '`', '\n', '\r', '../', '../../etc/passwd', '-', '--', '>', '<', '*', '"', "'", '\\',
  ` touch ${CANARY}`, `$(touch ${CANARY})`, `\`touch ${CANARY}\``, `; touch ${CANARY}`, `| touch ${CANARY}`, '{python}', '{value}',
  '%PATH%', '$HOME', ' ', '\u0000', 'é', '🙂',
];
const hostile = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

const echoSpec: CommandSpec = {
  id: 'test.echo-argv',
  title: { en: 'echo argv', ja: '引数表示' },
  runbook: [],
  // It writes argv.json into the root, so it is not read-only (the read-only guard would refuse the write).
  risk: 'mutating',
  params: { value: { kind: 'pattern', pattern: '^[\\s\\S]+$', maxLength: 200 } },
  timeoutMs: 10_000,
  outputCapBytes: 64 * 1024,
  action: { kind: 'argv', argv: ['{python}', 'echo_argv.py', 'fixed', '{value}', 'after'] },
};

beforeAll(async () => {
  root = await tempDir('injection');
  // The argv goes to a file, not to the output: output is redacted (a value like `passwd:x` would be masked).
  await writeFile(join(root, 'echo_argv.py'), "import json, sys\nopen('argv.json', 'w').write(json.dumps(sys.argv[1:]))\n");
  python = (await execa(PYTHON, ['-c', 'import sys; print(sys.executable)'])).stdout;
});

describe('parameter injection', () => {
  it('delivers each accepted value as exactly one argv element, or refuses it', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        const resolved = resolveCommand([echoSpec], echoSpec.id, { value });
        if (!resolved.ok) {
          expect(resolved.error.code).toBe('bad_param');
          // eslint-disable-next-line no-control-regex
          expect(value === '' || value.startsWith('-') || /[\u0000-\u001f\u007f]/.test(value) || value.length > 200).toBe(true);
          return;
        }
        const result = await runCommand(resolved.value.spec, resolved.value.params, context(root, { python }));
        expect(result.outcome).toBe('succeeded');
        expect(JSON.parse(await readFile(join(root, 'argv.json'), 'utf8'))).toEqual(['fixed', value, 'after']);
      }),
      // The first one once looked like a leaked password to the output redactor.
      { numRuns: 60, examples: [['../../etc/passwd:🙂'], ['$(touch CANARY_INJECTED)']] },
    );
    expect(existsSync(join(root, CANARY))).toBe(false);
  }, 60_000);

  it('refuses hostile values for every parameter of the real catalogue', () => {
    const withParams = catalogue.filter((spec) => Object.keys(spec.params ?? {}).length > 0);
    expect(withParams.length).toBeGreaterThan(3);
    fc.assert(
      fc.property(fc.constantFrom(...withParams), hostile, (spec, value) => {
        const name = Object.keys(spec.params ?? {})[0] ?? '';
        const resolved = resolveCommand(catalogue, spec.id, { [name]: value });
        // Accepted by the first parameter (a later one may still be missing): it must be harmless.
        if (resolved.ok || resolved.error.code === 'missing_param') expect(value).toMatch(/^[A-Za-z0-9]+$/);
        else expect(resolved.error.code).toBe('bad_param');
      }),
      { numRuns: 2000 },
    );
  });
});
