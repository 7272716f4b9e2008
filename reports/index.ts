export { writeReports, ReportWriteError } from './write.js';
export { toReportJson, schemaVersion, type ReportJson } from './json.js';
export { toJunitXml } from './junit.js';
export { toMarkdown } from './markdown.js';
export { toHtml } from './html.js';
export { compareReports, runCompareCommand, type Comparison } from './compare.js';
