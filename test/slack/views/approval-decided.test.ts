import { describe, expect, it } from 'vitest';
import { approvalDecided } from '../../../src/slack/views/approval-decided.js';
import { T0, allText, expectSafeMessage } from './view-fixtures.js';

const request = {
  commandId: 'critical.restore-config',
  title: 'Restore config from backup',
  requestedBy: 'U0ALICE',
  params: { date: '20260309' },
  timeZone: 'Asia/Tokyo',
} as const;

describe('approvalDecided', () => {
  it.each([
    ['approved', 'U0BOB', ':white_check_mark: *Approved by <@U0BOB>*'],
    ['denied', 'U0BOB', ':no_entry: *Denied by <@U0BOB>*'],
    ['expired', undefined, ':hourglass: *Expired without a decision*'],
  ] as const)('replaces the buttons once %s', (decision, decidedBy, line) => {
    const message = approvalDecided({ ...request, decision, ...(decidedBy === undefined ? {} : { decidedBy }), at: T0, locale: 'en' });
    expectSafeMessage(message);
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(allText(message.blocks)).toContain(line);
  });

  it('speaks Japanese in ja', () => {
    const message = approvalDecided({ ...request, decision: 'approved', decidedBy: 'U0BOB', at: T0, locale: 'ja' });
    expect(allText(message.blocks)).toContain('<@U0BOB>が承認しました');
  });
});
