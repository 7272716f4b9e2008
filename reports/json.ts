// report.json: the run as a versioned document (reports/report.schema.json describes it).
import type { RunResult } from '../harness/result.js';
import { redact } from '../harness/redact.js';

export const schemaVersion = 1;

export interface ReportJson extends RunResult {
  schemaVersion: number;
  generatedAt: string;
}

export function toReportJson(result: RunResult): ReportJson {
  // one redaction pass over everything, whatever the harness already redacted
  const safe = JSON.parse(redact(JSON.stringify(result))) as RunResult;
  return { schemaVersion, generatedAt: new Date().toISOString(), ...safe };
}
