// The sandbox's policy: the runbook's defaults, with the demo people of the emulator on the §11.1 ladder
// so that responders are invited and roles and approvals can be tried, and a demo maintenance plan and the
// canary every few minutes so scheduled work shows up in #ops while one watches.
import { defaultMaintenance } from '../domain/maintenance-policy.js';
import { defaultPolicy, type Policy } from '../domain/policy.js';

const L1 = { usergroup: 'S0L1' };
const L2 = { usergroup: 'S0L2' };
const L3 = { usergroup: 'S0L3' };

export const sandboxPolicy: Policy = {
  ...defaultPolicy,
  escalation: {
    levels: [
      { ...defaultPolicy.escalation.levels[0], members: [L1] },
      { ...defaultPolicy.escalation.levels[1], members: [L2] },
      { ...defaultPolicy.escalation.levels[2], members: [L3] },
    ],
  },
  responders: { critical: [L1, L2], high: [L1, L2], medium: [L1], low: [L1] },
  roles: { mutating: [L1, L2, L3], destructive: [L2, L3], approvers: [L2, L3] },
  maintenance: {
    ...defaultMaintenance,
    plans: [
      ...defaultMaintenance.plans,
      {
        id: 'demo',
        title: { en: 'Demo maintenance (every 5 minutes)', ja: 'デモ用メンテナンス (5分ごと)' },
        cron: '*/5 * * * *',
        entries: [
          { command: 'system.health-check', params: {} },
          { command: 'logs.rotate', params: {} },
          { command: 'params.check-combinations', params: {} },
        ],
        severity: 'low',
        enabled: true,
      },
    ],
    canary: { ...defaultMaintenance.canary, cron: '2-59/5 * * * *' },
  },
};
