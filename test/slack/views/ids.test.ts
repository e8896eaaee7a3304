import { describe, expect, it } from 'vitest';
import { CHECKLIST_ITEMS } from '../../../src/domain/checklist.js';
import { ACTION, BLOCK, CALLBACK, INPUT, checklistBlockId, reportInput } from '../../../src/slack/ids.js';
import { requiredReportFields } from '../../../src/domain/report-fields.js';

describe('interaction ids', () => {
  it('are unique within their kind and valid Slack ids', () => {
    const blockIds = [
      ...Object.values(BLOCK),
      ...Object.values(INPUT).map((i) => i.block),
      ...CHECKLIST_ITEMS.map((i) => checklistBlockId(i.id)),
      ...(['summary', 'detectionMethod', 'impact', 'actions', 'rootCause', 'prevention', 'followUp'] as const).map((f) => reportInput(f).block),
    ];
    for (const ids of [Object.values(ACTION), Object.values(CALLBACK), blockIds]) {
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9_]{0,254}$/);
    }
  });

  it('give each close-modal field its own block', () => {
    const fields = [...new Set([...requiredReportFields('critical'), ...requiredReportFields('low')])];
    expect(new Set(fields.map((f) => reportInput(f).block)).size).toBe(fields.length);
  });
});
