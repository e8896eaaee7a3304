// English words in text that should be Japanese. Allowed ASCII: ids, commands, paths and names, each listed
// here with why; everything else of two or more Latin letters is a finding.
const ALLOWED: readonly RegExp[] = [
  /<!date\^[^>]*>/g, // Slack date tokens (the client shows them in the reader's language)
  /:[a-z0-9_+-]+:/g, // emoji shortcodes (:alarm_clock:)
  /<[@#!][^>]*>/g, // mentions of people, groups and channels by id
  /```[\s\S]*?```/g, // command output, as the host printed it
  /`[^`]*`/g, // commands and arguments in code spans (`/incident update`, `critical`)
  /\/incident(?: [a-z]+)*(?: <[^>]*>| \[[^\]]*\]| @\S+)*/g, // usage lines of the slash command
  /\b(?:inc|run|suite|click|mnt)-[\w.-]+/g, // incident, run and suite ids
  /\b[\w.-]*\/[\w./-]*|\b[\w-]+\.(?:py|json|ya?ml|log|md|txt|csv)\b/g, // paths and file names
  /\b[0-9a-f]{7,64}\b/g, // digests and commits
  /\b[a-z][a-z0-9]*(?:[.-][a-z0-9]+)+\b/g, // command ids, host names and Slack names (logs.collect, backtest-1, sysadmin.suzuki)
  /\b[\w.-]+=\S+/g, // a command's arguments (lines=50)
  /--[a-z][\w-]*/g, // command-line options (--test-mode)
  /\b[A-Za-z]\w*_\w+\b/g, // names in the backtest project's code (update_interval_seconds)
  /\b(?:klaxon|Slack|ID|SIGTERM|SIGKILL|Level [123]|Python|Critical|High|Medium|Low|SHA-256|sha256|JST|UTC|AlertManager|Alertmanager|Prometheus)\b/g, // names
];

/**
 * The Latin-letter words left in `text` once ids, commands, paths and names are taken out.
 * @example englishWords('復旧を記録 Resolve') //=> ['Resolve']
 */
export const englishWords = (text: string): string[] => ALLOWED.reduce((rest, pattern) => rest.replace(pattern, ' '), text).match(/[A-Za-z]{2,}/g) ?? [];
