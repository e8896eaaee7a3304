import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/slack/parse-command.js';

describe('parseCommand', () => {
  it.each([
    ['declare critical DB down', { kind: 'declare', severity: 'critical', title: 'DB down' }],
    ['declare SEV2  slow  backtests ', { kind: 'declare', severity: 'high', title: 'slow  backtests' }],
    ['declare 緊急 バックテスト停止', { kind: 'declare', severity: 'critical', title: 'バックテスト停止' }],
    ['declare p4', { kind: 'declare', severity: 'low' }],
    ['declare', { kind: 'declare' }],
    ['declare critical Leaked API key --private', { kind: 'declare', severity: 'critical', title: 'Leaked API key', private: true }],
    ['declare --PRIVATE high Odd logins', { kind: 'declare', severity: 'high', title: 'Odd logins', private: true }],
    ['declare --private', { kind: 'declare', private: true }],
    ['declare low why --private-ish', { kind: 'declare', severity: 'low', title: 'why --private-ish' }],
    ['update Restarted in safe mode', { kind: 'update', text: 'Restarted in safe mode' }],
    ['severity medium', { kind: 'severity', severity: 'medium' }],
    ['assign commander <@U0L2SYS|sato>', { kind: 'assign', role: 'commander', user: 'U0L2SYS' }],
    ['assign comms <@U0STAKE>', { kind: 'assign', role: 'comms', user: 'U0STAKE' }],
    // A name Slack did not turn into a mention is looked up by the listener (handle, display or real name).
    ['assign commander @sysadmin.suzuki', { kind: 'assign', role: 'commander', name: 'sysadmin.suzuki' }],
    ['assign scribe Sato (L1 ops)', { kind: 'assign', role: 'scribe', name: 'Sato (L1 ops)' }],
    ['note first line\nsecond line', { kind: 'note', text: 'first line\nsecond line' }],
    ['run triage.collect-logs', { kind: 'run', commandId: 'triage.collect-logs', params: {} }],
    ['run run.exclude-strategy strategy=MomentumInvestingStrategy', { kind: 'run', commandId: 'run.exclude-strategy', params: { strategy: 'MomentumInvestingStrategy' } }],
    ['run logs.collect host=backtest-2', { kind: 'run', commandId: 'logs.collect', params: {}, host: 'backtest-2' }],
    ['STATUS', { kind: 'status' }],
    ['list', { kind: 'list' }],
    ['resolve', { kind: 'resolve' }],
    ['close', { kind: 'close' }],
    ['', { kind: 'help' }],
    ['help', { kind: 'help' }],
    // as Slack sends them: entities decoded once, tokens read
    ['declare critical DB &amp; cache', { kind: 'declare', severity: 'critical', title: 'DB & cache' }],
    ['declare high &lt;https://evil.example|click me&gt; &lt;!channel&gt;', { kind: 'declare', severity: 'high', title: '<https://evil.example|click me> <!channel>' }],
    ['update ask <@U0L2SYS|sysadmin.suzuki> to check', { kind: 'update', text: 'ask <@U0L2SYS> to check' }],
    ['run run.exclude-strategy strategy=A&amp;B', { kind: 'run', commandId: 'run.exclude-strategy', params: { strategy: 'A&B' } }],
  ])('reads %j', (text, expected) => {
    expect(parseCommand(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['frobnicate', 'unknown_subcommand'],
    ['declare extreme DB down', 'bad_severity'],
    ['severity', 'missing_argument'],
    ['severity urgent', 'bad_severity'],
    ['assign king <@U1>', 'bad_role'],
    ['assign commander <@U0L1OPS> and <@U0L2SYS>', 'bad_user'],
    ['assign commander', 'missing_argument'],
    ['update', 'missing_argument'],
    ['note    ', 'missing_argument'],
    ['run', 'missing_argument'],
    ['run x.y strategy', 'bad_param'],
    ['run x.y host=a;b', 'bad_param'],
  ])('refuses %j with %s', (text, reason) => {
    const result = parseCommand(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe(reason);
  });

  it('never throws and always answers with a command or a usage error', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const result = parseCommand(text);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.code).toBe('usage');
      }),
      { numRuns: 2000 },
    );
  });
});
