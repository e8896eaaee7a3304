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
        "from config.logger_config import setup_logger; logger = setup_logger('maintenance', log_file='logs/maintenance.log'); logger.info('Low priority maintenance required')",
      ],
    },
    departure: {
      en: 'setup_logger writes only to the console unless given a log_file, so klaxon names logs/maintenance.log.',
      ja: 'setup_logger は log_file を渡さないと画面にしか出力しないため logs/maintenance.log を指定する。',
    },
  },
] as const satisfies readonly CommandSpec[];
