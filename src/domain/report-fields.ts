// The §9.1 report fields: the order the report shows them in, and which ones each severity's form requires
// (critical/high the full form, medium/low the short one). The close modal, the close command and the report
// all ask here.
import type { ReportFields } from './incident.js';
import { isMajor, type Severity } from './severity.js';

export type ReportField = keyof ReportFields;

export const REPORT_FIELDS = [
  'summary', 'detectionMethod', 'impact', 'actions', 'workaround', 'permanentFix', 'rootCause', 'prevention', 'improvementPlan', 'followUp',
] as const satisfies readonly ReportField[];

/** The report's own sections, in order (the detection method is part of 基本情報). */
export const REPORT_SECTIONS: readonly ReportField[] = REPORT_FIELDS.filter((field) => field !== 'detectionMethod');

export type ReportForm = 'full' | 'short';

export const reportForm = (severity: Severity): ReportForm => (isMajor(severity) ? 'full' : 'short');

const REQUIRED: Readonly<Record<ReportForm, readonly ReportField[]>> = {
  full: ['summary', 'impact', 'actions', 'rootCause', 'prevention'],
  short: ['summary', 'actions', 'followUp'],
};

/**
 * The fields a person writes for a severity (the close form asks these; the full form shows each heading,
 * with a placeholder until written). Times come from the timeline.
 */
export const reportFieldsFor = (severity: Severity): readonly ReportField[] =>
  reportForm(severity) === 'full'
    ? ['summary', 'impact', 'actions', 'workaround', 'permanentFix', 'rootCause', 'prevention', 'improvementPlan']
    : ['summary', 'actions', 'followUp'];

/** The fields a report of this severity cannot do without (the others appear only when written). */
export const requiredReportFields = (severity: Severity): readonly ReportField[] => REQUIRED[reportForm(severity)];

/** The required fields a report still lacks. */
export const missingReportFields = (severity: Severity, report: ReportFields): readonly ReportField[] =>
  requiredReportFields(severity).filter((field) => (report[field] ?? '').trim() === '');
