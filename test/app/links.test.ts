// The link table is a type: a key it does not name, or a lookup by a key without a reverse index, does not
// compile. The `@ts-expect-error` lines are the proof (an accepted line would fail `npm run typecheck`).
import { describe, expect, it } from 'vitest';
import { alarmPostedLink, alertLink, isIndexedLink, type IncidentLinkKey, type IndexedLinkKey } from '../../src/app/links.js';
import { CANARY_DRIFT_LINK } from '../../src/domain/canary.js';
import { planIncidentLink } from '../../src/domain/maintenance-run.js';

describe('the incident links', () => {
  it('names every key: a fact of the incident is no link', () => {
    // @ts-expect-error — the latest update lives in the incident record now.
    const fact: IncidentLinkKey = 'latestUpdate';
    const known: IncidentLinkKey[] = ['channel', 'header', `run:run-1`, alarmPostedLink('clock-inc-1-x')];
    expect([fact, ...known]).toHaveLength(5);
  });

  it('indexes exactly the keys that are looked up by value', () => {
    // @ts-expect-error — nobody looks an incident up by its header's ts.
    const header: IndexedLinkKey = 'header';
    const looked: IndexedLinkKey[] = ['channel', alertLink('fp'), planIncidentLink('daily'), CANARY_DRIFT_LINK];
    expect(looked.map(isIndexedLink)).toEqual([true, true, true, true]);
    expect([header, 'checklist', 'run:run-1', 'shown:header', 'clock:x', 'alert:', 'channelName'].map(isIndexedLink)).toEqual([false, false, false, false, false, false, false]);
  });
});
