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

/**
 * Runbook steps klaxon answers itself rather than with a command on the host: the system's AlertManager
 * keeps its alerts in memory, so a new process would always report none.
 */
export const servedByKlaxon: Readonly<Record<string, { readonly en: string; readonly ja: string }>> = {
  '§2.1-2': {
    en: 'Active alerts are the ones the backtest system posted to klaxon (/alerts/backtest): each one opens or joins an incident, on its timeline (docs/alerts.md).',
    ja: 'アクティブアラートは、バックテストシステムが klaxon (/alerts/backtest) に送ったもの。インシデントを起票または追記し、タイムラインに残る (docs/alerts.md)。',
  },
  '§3.1-3': {
    en: 'The same alerts, as received by klaxon, are the impact check of the first minutes (see docs/alerts.md).',
    ja: '初動の影響確認も、klaxon が受信した同じアラートで行う (docs/alerts.md)。',
  },
};

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
