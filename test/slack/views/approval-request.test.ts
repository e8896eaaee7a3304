import type { ActionsBlock } from '@slack/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/domain/locale.js';
import { ACTION, BLOCK } from '../../../src/slack/ids.js';
import { approvalRequest } from '../../../src/slack/views/approval-request.js';
import { T0, allText, expectSafeMessage, hostileText, hostileUser } from './view-fixtures.js';

const request = {
  approvalId: 'appr-inc-42-7',
  commandId: 'critical.restore-config',
  title: 'Restore config from backup',
  requestedBy: 'U0ALICE',
  params: { date: '20260309' },
  expiresAt: T0 + 15 * 60_000,
  timeZone: 'Asia/Tokyo',
} as const;

describe('approvalRequest', () => {
  it('shows who asks for what, until when, with Approve and Deny carrying the approval id', () => {
    const message = approvalRequest({ ...request, locale: 'en' });
    expectSafeMessage(message);
    const text = allText(message.blocks);
    expect(text).toContain('<@U0ALICE> asks to run *Restore config from backup*');
    expect(text).toContain('`date=20260309`');
    expect(text).toContain('|2026-03-10 10:15 JST>');
    const row = message.blocks.find((b): b is ActionsBlock => b.type === 'actions');
    expect(row?.block_id).toBe(BLOCK.approvalActions);
    expect(row?.elements.map((e) => (e.type === 'button' ? [e.action_id, e.value] : []))).toEqual([
      [ACTION.approve, 'appr-inc-42-7'],
      [ACTION.deny, 'appr-inc-42-7'],
    ]);
  });

  it('stays within every limit for hostile parameters', () => {
    fc.assert(
      fc.property(fc.dictionary(hostileText(), hostileText(), { maxKeys: 40 }), hostileText(), hostileUser(), fc.constantFrom(...LOCALES), (params, title, by, locale) => {
        expectSafeMessage(approvalRequest({ ...request, params, title, requestedBy: by, locale }));
      }),
      { numRuns: 60 },
    );
  });
});
