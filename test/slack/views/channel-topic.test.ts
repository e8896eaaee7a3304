import { describe, expect, it } from 'vitest';
import { channelTopic, TOPIC_MAX } from '../../../src/slack/views/channel-topic.js';
import { unsafeSequences } from './view-fixtures.js';

describe('channelTopic', () => {
  it.each([
    [{ severity: 'critical', status: 'acknowledged', title: 'DB & cache' }, 'ja', '緊急・対応中｜DB &amp; cache'],
    [{ severity: 'high', status: 'resolved', title: 'DB & cache' }, 'en', 'HIGH · Resolved · DB &amp; cache'],
    [{ severity: 'low', status: 'closed', title: '<https://evil.example|click me> <!channel> @here' }, 'ja', '低・クローズ｜&lt;https://evil.example|click me&gt; &lt;!channel&gt; @\u2060here'],
  ] as const)('%j in %s', (incident, locale, expected) => {
    expect(channelTopic(incident, locale)).toBe(expected);
  });

  it('stays within Slack\'s 250 characters and leaks nothing', () => {
    const topic = channelTopic({ severity: 'critical', status: 'declared', title: '<!channel> & '.repeat(100) }, 'ja');
    expect(topic.length).toBeLessThanOrEqual(TOPIC_MAX);
    expect(unsafeSequences(topic)).toEqual([]);
  });
});
