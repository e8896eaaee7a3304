// Runbook §7 (Low): record minor issues for the weekly maintenance.
import type { CommandSpec } from '../src/domain/catalogue.js';

export const low = [
  {
    id: 'logs.record-issue',
    title: { en: 'Record a low-priority issue in logs/maintenance.log', ja: 'ログエントリ作成' },
    runbook: ['§7.1-1'],
    risk: 'mutating',
    timeoutMs: 15_000,
    outputCapBytes: 4 * 1024,
    action: {
      kind: 'builtin',
      builtin: 'maintenance-log',
      options: { path: 'logs/maintenance.log', message: 'Low priority issue detected' },
    },
  },
  {
    id: 'logs.maintenance-note',
    title: { en: 'Log “maintenance required” through the system logger', ja: '問題詳細記録' },
    runbook: ['§7.1-1'],
    risk: 'mutating',
    timeoutMs: 30_000,
    outputCapBytes: 4 * 1024,
    action: {
      kind: 'argv',
      argv: [
        '{python}',
        '-c',
        "from config.logger_config import setup_logger; logger = setup_logger('maintenance'); logger.info('Low priority maintenance required')",
      ],
    },
  },
] as const satisfies readonly CommandSpec[];
