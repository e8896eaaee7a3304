import { describe, expect, it } from 'vitest';
import { alertWords } from '../../../src/slack/views/alert-words.js';
import type { IncomingAlert } from '../../../src/alerts/incoming-alert.js';

const alert: IncomingAlert = {
  sender: 'backtest',
  fingerprint: 'bt-0123456789abcdef',
  occurrence: 'a1',
  alertId: 'a1',
  origin: 'monitor/`rule`',
  title: '<!channel> @here *boom*',
  level: 'critical',
  status: 'resolved',
  at: Date.UTC(2026, 0, 15, 1, 30),
};

describe('alertWords', () => {
  it('dates the resolved note in the team zone, in either language', () => {
    expect(alertWords('en', 'Asia/Tokyo').resolvedNote(alert)).toMatch(/^Alert resolved at 2026-01-15 10:30 JST: /);
    expect(alertWords('ja', 'Asia/Tokyo').resolvedNote(alert)).toMatch(/^アラート解消 2026-01-15 10:30 JST: /);
  });

  it('keeps alert text from pinging the channel or breaking out of its code span in Slack posts', () => {
    for (const locale of ['en', 'ja'] as const) {
      const words = alertWords(locale, 'UTC');
      for (const post of [words.repeatPost(alert, 5), words.overflowPost(alert, 10, 5), words.resolvedPost(alert)]) {
        expect(post.text).not.toContain('<!channel>');
        expect(post.text).not.toMatch(/(^|[^\u2060])@here/);
        expect(post.text).toContain('`monitor/ˋruleˋ`');
      }
    }
  });
});
