import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain/incident.js';
import { reportPeople } from '../../src/domain/report-people.js';
import type { TimelineEvent } from '../../src/domain/timeline.js';

const event = (body: Record<string, unknown>, by: string): TimelineEvent => ({ id: `e-${by}-${String(body['type'])}`, incidentId: 'inc-1', at: 0, by, ...body }) as TimelineEvent;

describe('reportPeople', () => {
  it('finds everyone a report names, once each, and nothing that is not a person', () => {
    const incident = {
      declaredBy: 'U0L1OPS', roles: { commander: 'U0L2SYS' }, responders: ['U0L1OPS', 'U0L3DEV'],
      actionItems: [{ kind: 'prevention', text: 'check', owner: 'U0OWNER' }],
      report: { summary: 'asked <@U0ASKED> to look' },
    } as unknown as Incident;
    const events = [
      event({ type: 'note', text: 'ping <@U0NOTED>' }, 'U0L3DEV'),
      event({ type: 'role_assigned', role: 'scribe', user: 'U0SCRIBE' }, 'U0L2SYS'),
      event({ type: 'pinned', text: 'x', author: 'U0AUTHOR', pinnedAt: 0 }, 'U0L1OPS'),
      event({ type: 'acknowledged' }, 'klaxon'),
      event({ type: 'alert_attached', alertId: 'a', title: 't', source: 's' }, 'alert:am'),
    ];
    expect(reportPeople(incident, events)).toEqual(['U0L1OPS', 'U0L2SYS', 'U0L3DEV', 'U0OWNER', 'U0SCRIBE', 'U0AUTHOR', 'U0ASKED', 'U0NOTED']);
  });
});
