// §9.1: which report fields each severity's form requires, and what a report still lacks.
import { describe, expect, it } from 'vitest';
import { missingReportFields, REPORT_FIELDS, reportForm, requiredReportFields } from '../../src/domain/report-fields.js';
import type { Severity } from '../../src/domain/severity.js';

describe('report fields', () => {
  it.each([
    ['critical', 'full', ['summary', 'impact', 'actions', 'rootCause', 'prevention']],
    ['high', 'full', ['summary', 'impact', 'actions', 'rootCause', 'prevention']],
    ['medium', 'short', ['summary', 'actions', 'followUp']],
    ['low', 'short', ['summary', 'actions', 'followUp']],
  ] as const)('%s uses the %s form', (severity: Severity, form, required) => {
    expect(reportForm(severity)).toBe(form);
    expect(requiredReportFields(severity)).toEqual(required);
    expect(required.every((field) => REPORT_FIELDS.includes(field))).toBe(true);
  });

  it('counts a blank field as missing, in the order of the form', () => {
    expect(missingReportFields('low', { summary: 'x', actions: '  \n', followUp: '' })).toEqual(['actions', 'followUp']);
    expect(missingReportFields('low', { summary: 'x', actions: 'y', followUp: 'z' })).toEqual([]);
  });
});
