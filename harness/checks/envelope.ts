// Checks that hold for every answer (docs/contract.md#checks-on-every-answer).
// Each returns why the answer breaks it, or undefined.
import { faultByCode } from '../../specs/faults.js';
import { service, snapshotMembers } from '../../specs/members.js';
import type { Exchange } from '../run/exchange-types.js';
import { sdkParse } from './sdk-parse.js';

/** envelope.no-5xx: answered in time, and not with a 5xx. */
export function noServerError(ex: Exchange): string | undefined {
  if (ex.transportError) return `no answer within the timeout or the connection failed (${ex.transportError.kind}: ${ex.transportError.message})`;
  if (ex.answer && ex.answer.status >= 500) return `HTTP ${ex.answer.status}`;
  return undefined;
}

/**
 * What docs/contract.md says of an answer's headers: `Content-Type: text/xml` (parameters allowed); an
 * `x-amzn-RequestId` header, where sent, equals the body's RequestId (whether ElastiCache always sends the
 * header is open, docs/contract.md#request-id-header, so its absence is accepted).
 */
function headerProblems(ex: Exchange, bodyRequestId: string | undefined): string[] {
  const headers = ex.answer?.headers ?? {};
  const problems: string[] = [];
  const type = headers['content-type'];
  const media = type?.split(';')[0]!.trim().toLowerCase();
  if (media !== 'text/xml') problems.push(`Content-Type ${type === undefined ? '(none)' : `"${type}"`}, expected text/xml`);
  const headerId = headers['x-amzn-requestid'] ?? headers['x-amzn-request-id'];
  if (headerId !== undefined && bodyRequestId !== undefined && headerId !== bodyRequestId) problems.push(`x-amzn-RequestId header "${headerId}" differs from the body's RequestId "${bodyRequestId}"`);
  return problems;
}

/** envelope.error-shape: an error is an ErrorResponse with Type, Code, Message and a sibling RequestId, as text/xml. */
export function errorShape(ex: Exchange): string | undefined {
  const p = ex.parsed;
  if (!p || p.status < 400 || p.status >= 500) return undefined;
  if (p.kind === 'malformed') return `a ${p.status} whose body is not an ErrorResponse: ${p.reason}`;
  if (p.kind === 'success') return `a ${p.status} with a success body`;
  const problems = [...(p.missing.length > 0 ? [`ErrorResponse lacks ${p.missing.join(', ')}`] : []), ...headerProblems(ex, p.requestId)];
  return problems.length ? problems.join('; ') : undefined;
}

/** envelope.error-type-sender: a 4xx error says Type Sender. */
export function errorTypeSender(ex: Exchange): string | undefined {
  const p = ex.parsed;
  if (p?.kind !== 'error' || p.status >= 500) return undefined;
  return p.type === 'Sender' ? undefined : `Error/Type is ${p.type === undefined ? 'absent' : `"${p.type}"`} on a ${p.status}, expected Sender`;
}

/** envelope.error-status-matches-code: a known code comes with its modelled status. */
export function errorStatusMatchesCode(ex: Exchange): string | undefined {
  const p = ex.parsed;
  if (p?.kind !== 'error' || p.code === undefined) return undefined;
  const fault = faultByCode(p.code);
  if (!fault || fault.status === p.status) return undefined;
  return `Code ${p.code} came with HTTP ${p.status}; the model says ${fault.status}`;
}

/** envelope.success-shape: CopySnapshotResponse in the service namespace, Result/Snapshot, RequestId, as text/xml. */
export function successShape(ex: Exchange): string | undefined {
  const p = ex.parsed;
  if (!p || p.status !== 200) return undefined;
  if (p.kind === 'malformed') return `200 whose body is not XML of the protocol: ${p.reason}`;
  if (p.kind === 'error') return '200 with an ErrorResponse body';
  const problems: string[] = [];
  if (p.rootName !== `${service.action}Response`) problems.push(`root element ${p.rootName}, expected ${service.action}Response`);
  if (p.namespace !== service.namespace) problems.push(`namespace ${p.namespace ?? '(none)'}, expected ${service.namespace}`);
  if (!p.snapshot) problems.push(`no ${service.action}Result/Snapshot`);
  if (!p.requestId) problems.push('no ResponseMetadata/RequestId');
  problems.push(...headerProblems(ex, p.requestId));
  return problems.length ? problems.join('; ') : undefined;
}

/** envelope.success-types: fields typed as modelled, and the AWS SDK parses the answer. */
export async function successTypes(ex: Exchange): Promise<string | undefined> {
  const p = ex.parsed;
  if (p?.kind !== 'success' || !ex.answer) return undefined;
  if (p.typeErrors.length) return `Snapshot fields not of their modelled type: ${p.typeErrors.join('; ')}`;
  const parsed = await sdkParse(ex.answer);
  if (!parsed.ok) return `the AWS SDK could not parse the success answer: ${parsed.name}: ${parsed.message}`;
  const name = parsed.snapshotName;
  if (name === undefined) return 'the AWS SDK found no Snapshot/SnapshotName in the answer';
  for (const m of snapshotMembers)
    if (m.values && p.snapshot && (p.snapshot as Record<string, unknown>)[m.name] !== undefined) {
      const value = String((p.snapshot as Record<string, unknown>)[m.name]);
      if (m.type === 'Enum' && !m.values.includes(value)) return `${m.name} "${value}" is not one of ${m.values.join('|')}`;
    }
  return undefined;
}
