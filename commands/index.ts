// The allow-list: every command the worker may run, gathered from one file per runbook area.
import type { Catalogue, CommandSpec } from '../src/domain/catalogue.js';
import { critical } from './critical.js';
import { detection } from './detection.js';
import { high } from './high.js';
import { initialResponse } from './initial-response.js';
import { low } from './low.js';
import { maintenance } from './maintenance.js';
import { medium } from './medium.js';
import { postRecovery } from './post-recovery.js';

export { playbooks } from './playbooks.js';

// Runbook order, so listings read like the runbook.
export const catalogue: Catalogue = [
  ...detection,
  ...initialResponse,
  ...critical,
  ...high,
  ...medium,
  ...low,
  ...postRecovery,
  ...maintenance,
];

const byId = new Map(catalogue.map((spec) => [spec.id, spec]));

// Looks a command up by id; undefined when the allow-list does not have it.
export const findCommand = (id: string): CommandSpec | undefined => byId.get(id);
