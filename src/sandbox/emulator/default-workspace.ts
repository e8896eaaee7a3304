// The sandbox's demo people: one per runbook escalation level (§11.1) plus a stakeholder, and their groups.
import type { EmulatedUser, EmulatedUsergroup } from './emulator-types.js';

export const DEFAULT_USERS: readonly EmulatedUser[] = [
  { id: 'U0L1OPS', name: 'ops.sato', realName: 'Sato (L1 ops)', title: '運用担当者' },
  { id: 'U0L2SYS', name: 'sysadmin.suzuki', realName: 'Suzuki (L2 sysadmin)', title: 'システム管理者' },
  { id: 'U0L3DEV', name: 'dev.tanaka', realName: 'Tanaka (L3 developer)', title: '開発チーム' },
  { id: 'U0STAKE', name: 'pm.yamada', realName: 'Yamada (stakeholder)', title: 'Product manager' },
];

export const DEFAULT_USERGROUPS: readonly EmulatedUsergroup[] = [
  { id: 'S0L1', handle: 'l1-ops', name: 'L1 運用担当者', users: ['U0L1OPS'] },
  { id: 'S0L2', handle: 'l2-sysadmin', name: 'L2 システム管理者', users: ['U0L2SYS'] },
  { id: 'S0L3', handle: 'l3-dev', name: 'L3 開発チーム', users: ['U0L3DEV'] },
];

/** The scopes the app was installed with: manifest.yml's (test/manifest.test.ts keeps the two equal). */
export const DEFAULT_SCOPES: readonly string[] = [
  'commands',
  'chat:write',
  'channels:manage',
  'groups:write',
  'pins:write',
  'reactions:read',
  'usergroups:read',
  'files:write',
  'files:read',
  'channels:join',
  'channels:history',
  'users:read',
];

export const DEFAULT_BOT = { userId: 'U0KLAXONBOT', botId: 'B0KLAXON', name: 'klaxon' } as const;
