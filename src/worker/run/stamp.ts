// Folder and log timestamps in the host's time zone, as the runbook's Get-Date -Format calls make them.
import { format } from 'date-fns/format';

// `yyyyMMdd_HHmmss`, the runbook's folder stamp.
export const folderStamp = (at: number): string => format(at, 'yyyyMMdd_HHmmss');

// `yyyy-MM-dd`, the date as it appears in log lines.
export const logDate = (at: number): string => format(at, 'yyyy-MM-dd');

// `yyyyMMdd`, the backup folder name.
export const backupDate = (at: number): string => format(at, 'yyyyMMdd');

// `yyyy-MM-dd HH:mm:ss`, a log line's time.
export const logTime = (at: number): string => format(at, 'yyyy-MM-dd HH:mm:ss');
