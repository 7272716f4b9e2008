// Reports of a run: report.json, junit.xml, summary.md, report.html, and run-to-run comparison.
export { writeReports, ReportWriteError, truncateForStepSummary, type WriteReportsOptions } from './write.js';
export { toReportJson, reportProblem, summarise, schemaVersion, toolName, type ReportJson, type ReportSummary } from './json.js';
export { toJunitXml } from './junit.js';
export { toMarkdown } from './markdown.js';
export { toHtml } from './html.js';
export { redactDeep } from './redaction.js';
export { compareReports, formatComparison, hasDifferences, printable, type Comparison, type RuleChange } from './compare.js';
