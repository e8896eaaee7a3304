// The builtins a catalogue entry may name, by name.
import type { Builtin } from './builtin.js';
import { cleanTemp } from './builtins/clean-temp.js';
import { configChanges } from './builtins/config-changes.js';
import { dirSummary } from './builtins/dir-summary.js';
import { fileInfo } from './builtins/file-info.js';
import { goldenRun } from './builtins/golden-run.js';
import { findProcesses } from './builtins/find-processes.js';
import { httpStatus } from './builtins/http-status.js';
import { jsonSet } from './builtins/json-set.js';
import { listBackupsBuiltin } from './builtins/list-backups.js';
import { logBundle } from './builtins/log-bundle.js';
import { logSearch } from './builtins/log-search.js';
import { logTail } from './builtins/log-tail.js';
import { maintenanceLog } from './builtins/maintenance-log.js';
import { portCheck } from './builtins/port-check.js';
import { preserveEvidence } from './builtins/preserve-evidence.js';
import { resourceUsage } from './builtins/resource-usage.js';
import { restoreConfig } from './builtins/restore-config.js';
import { stopProcesses } from './builtins/stop-processes.js';

export const builtins: Readonly<Record<string, Builtin>> = {
  'find-processes': findProcesses,
  'stop-processes': stopProcesses,
  'port-check': portCheck,
  'file-info': fileInfo,
  'log-tail': logTail,
  'log-search': logSearch,
  'log-bundle': logBundle,
  'preserve-evidence': preserveEvidence,
  'config-changes': configChanges,
  'list-backups': listBackupsBuiltin,
  'restore-config': restoreConfig,
  'clean-temp': cleanTemp,
  'resource-usage': resourceUsage,
  'maintenance-log': maintenanceLog,
  'http-status': httpStatus,
  'dir-summary': dirSummary,
  'json-set': jsonSet,
  'golden-run': goldenRun,
};
