// Reading an answer: success envelope, ErrorResponse, or something malformed. Never throws.
// The raw <Code> string is kept exactly; the Snapshot is typed as the model says.
import type { Snapshot } from '@aws-sdk/client-elasticache';
import { isHtmlType, isJsonType, mediaTypeOf } from './body-sniff.js';
import { readSnapshot } from './snapshot-read.js';
import { namespaceOf, parseXmlDocument, textOf, type XmlNode } from './xml-parse.js';

export type ParsedAnswer =
  | {
      kind: 'success';
      status: number;
      rootName: string;
      namespace?: string;
      requestId?: string;
      /** the <{Action}Result> element ({} when absent, as the SDK reads it) */
      result: Record<string, unknown>;
      /** <{Action}Result>/<Snapshot>, typed */
      snapshot?: Snapshot;
      typeErrors: string[];
    }
  | {
      kind: 'error';
      status: number;
      rootName: string;
      namespace?: string;
      type?: string;
      /** the raw <Code> */
      code?: string;
      message?: string;
      requestId?: string;
      /** envelope parts that are absent */
      missing: string[];
    }
  | { kind: 'malformed'; status: number; reason: string };

type ErrorAnswer = Extract<ParsedAnswer, { kind: 'error' }>;
type SuccessAnswer = Extract<ParsedAnswer, { kind: 'success' }>;

const isNode = (v: unknown): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v);

function readError(status: number, root: unknown): ErrorAnswer {
  const out: ErrorAnswer = { kind: 'error', status, rootName: 'ErrorResponse', missing: [] };
  const namespace = namespaceOf(root);
  if (namespace !== undefined) out.namespace = namespace;
  const node = isNode(root) ? root : {};
  const error = node.Error;
  if (!isNode(error)) out.missing.push('Error');
  else {
    const fields = { type: textOf(error.Type), code: textOf(error.Code), message: textOf(error.Message) };
    for (const [name, value] of Object.entries(fields) as [keyof typeof fields, string | undefined][]) {
      if (value === undefined) out.missing.push(`Error/${name[0]!.toUpperCase()}${name.slice(1)}`);
      else out[name] = value;
    }
  }
  const requestId = textOf(node.RequestId);
  if (requestId === undefined) out.missing.push('RequestId');
  else out.requestId = requestId;
  return out;
}

function readSuccess(status: number, rootName: string, root: unknown): SuccessAnswer {
  const node = isNode(root) ? root : {};
  const action = rootName.slice(0, -'Response'.length);
  const result = node[`${action}Result`];
  const out: SuccessAnswer = { kind: 'success', status, rootName, result: isNode(result) ? result : {}, typeErrors: [] };
  const namespace = namespaceOf(root);
  if (namespace !== undefined) out.namespace = namespace;
  const metadata = node.ResponseMetadata;
  const requestId = isNode(metadata) ? textOf(metadata.RequestId) : undefined;
  if (requestId !== undefined) out.requestId = requestId;
  let snapshot = out.result.Snapshot;
  if (Array.isArray(snapshot)) {
    out.typeErrors.push(`${action}Result has ${snapshot.length} Snapshot elements`);
    snapshot = snapshot[0];
  }
  if (snapshot !== undefined) out.snapshot = readSnapshot(snapshot, out.typeErrors);
  return out;
}

/**
 * What a body that is not a protocol envelope is, in the words reports use: the body decides, and the
 * content type only names what the body alone leaves open (an HTML fragment that is not one XML document).
 */
function malformedReason(reason: string, headers: Record<string, string>): string {
  const type = mediaTypeOf(headers['content-type']);
  const unparsedText = reason.startsWith('XML that does not parse') || reason.startsWith('expected one root element') || reason === 'plain text';
  if (isHtmlType(type) && unparsedText) return 'text/html page';
  if (isJsonType(type) && reason === 'plain text') return 'JSON';
  return reason;
}

/** Classify and read an answer. The body decides; the content type only helps name a body that is not the protocol. */
export function readAnswer(status: number, headers: Record<string, string>, body: string): ParsedAnswer {
  try {
    const doc = parseXmlDocument(body);
    if (!doc.ok) return { kind: 'malformed', status, reason: malformedReason(doc.reason, headers) };
    if (doc.rootName === 'ErrorResponse') return readError(status, doc.root);
    if (doc.rootName.toLowerCase() === 'html') return { kind: 'malformed', status, reason: 'text/html page' };
    if (!/^[A-Za-z][A-Za-z0-9]*Response$/.test(doc.rootName) || doc.rootName === 'Response')
      return { kind: 'malformed', status, reason: `unexpected root element <${doc.rootName}>` };
    return readSuccess(status, doc.rootName, doc.root);
  } catch (error) {
    // defensive: the parser is not expected to throw past parseXmlDocument
    return { kind: 'malformed', status, reason: `unreadable answer: ${String((error as Error)?.message ?? error).split('\n')[0]}` };
  }
}
