import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../../commands/index.js';
import { LOCALES } from '../../../src/domain/locale.js';
import { approvalPending, runQueuedReply } from '../../../src/slack/views/run-replies.js';
import { expectSafeMessage, hostileText } from './view-fixtures.js';

const spec = catalogue[0];
if (spec === undefined) throw new Error('empty catalogue');

describe('run replies', () => {
  it('says where the queued run goes and that approval is pending', () => {
    const queued = runQueuedReply({ spec, host: 'backtest-01', locale: 'en' });
    expectSafeMessage(queued);
    expect(queued.text).toBe(`:hourglass: Queued *${spec.title.en}* on backtest-01; the result will appear in a thread.`);
    const pending = approvalPending({ spec, locale: 'ja' });
    expectSafeMessage(pending);
    expect(pending.text).toContain('別の担当者の承認が必要です');
  });

  it('stays within every limit for any host', () => {
    fc.assert(
      fc.property(hostileText(), fc.constantFrom(...LOCALES), (host, locale) => {
        expectSafeMessage(runQueuedReply({ spec, host, locale }));
      }),
      { numRuns: 40 },
    );
  });
});
