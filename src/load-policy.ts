// Reads the policy file named by KLAXON_POLICY (JSON or YAML); the runbook's defaults when there is none.
import { readFile } from 'node:fs/promises';
import { defaultPolicy, parsePolicy, type Policy } from './domain/policy.js';
import { err, ok, type Result } from './domain/result.js';

export async function loadPolicy(file: string | undefined): Promise<Result<Policy, string>> {
  if (!file) return ok(defaultPolicy);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return err(`KLAXON_POLICY: cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = parsePolicy(text, /\.ya?ml$/i.test(file) ? 'yaml' : 'json');
  return parsed.ok ? parsed : err(`KLAXON_POLICY ${file} has problems:\n${parsed.error.map((p) => `  - ${p}`).join('\n')}`);
}
