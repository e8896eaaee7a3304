// Every action_id, block_id and callback_id klaxon puts into Slack, in one place, so listeners and views agree.
import type { ChecklistItemId } from '../domain/checklist.js';
import type { ReportFields } from '../domain/incident.js';

// Buttons, menus and selects; a listener matches on these.
export const ACTION = {
  acknowledge: 'incident_acknowledge',
  postUpdate: 'incident_post_update',
  resolve: 'incident_resolve',
  close: 'incident_close',
  severityMenu: 'incident_severity_menu',
  takeLead: 'incident_take_lead',
  assignCommander: 'incident_assign_commander',
  checklistToggle: 'checklist_toggle',
  playbookSelect: 'playbook_select',
  runCommand: 'run_command',
  runSuite: 'run_suite',
  approve: 'approval_approve',
  deny: 'approval_deny',
  followUpDone: 'followup_done',
  followUpReopen: 'followup_reopen',
  homeDeclare: 'home_declare',
} as const;
export type ActionId = (typeof ACTION)[keyof typeof ACTION];

// Blocks a listener or an update needs to find again.
export const BLOCK = {
  headerActions: 'incident_header_actions',
  headerLead: 'incident_header_lead',
  playbookOffer: 'playbook_offer',
  approvalActions: 'approval_actions',
} as const;

// Modals: a view_submission listener matches on these.
export const CALLBACK = {
  declare: 'incident_declare_modal',
  close: 'incident_close_modal',
  update: 'incident_update_modal',
  severity: 'incident_severity_modal',
  /** The message shortcut "Declare incident" (manifest.yml `shortcuts`). */
  declareFromMessage: 'declare_from_message',
} as const;
export type CallbackId = (typeof CALLBACK)[keyof typeof CALLBACK];

// A modal input lives at view.state.values[block][action]; both halves are fixed here.
export interface InputId {
  readonly block: string;
  readonly action: string;
}

// Inputs of the declare, update and severity modals.
export const INPUT = {
  title: { block: 'declare_title', action: 'value' },
  severity: { block: 'declare_severity', action: 'value' },
  detectedAt: { block: 'declare_detected_at', action: 'value' },
  description: { block: 'declare_description', action: 'value' },
  private: { block: 'declare_private', action: 'value' },
  updateText: { block: 'update_text', action: 'value' },
  newSeverity: { block: 'severity_value', action: 'value' },
  severityReason: { block: 'severity_reason', action: 'value' },
  unverifiedReason: { block: 'close_unverified_reason', action: 'value' },
  followUps: { block: 'close_followups', action: 'value' },
} as const satisfies Readonly<Record<string, InputId>>;

// Inputs of the close modal, one per §9.1 report field.
export const reportInput = (field: keyof ReportFields): InputId => ({ block: `report_${field}`, action: 'value' });

// The block of one checklist item, so an in-place update can target it.
export const checklistBlockId = (item: ChecklistItemId): string => `checklist_${item}`;
