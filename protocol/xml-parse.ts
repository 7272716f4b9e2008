// A safe, non-coercing XML reader on fast-xml-parser. Entities are decoded here, in one pass and for
// XML's own five plus numeric references only: no DOCTYPE, no user entities, no HTML entities, so no
// entity expansion and no double decoding (`&amp;#13;` stays `&#13;`). Values are never coerced
// ('0001' stays a string). Whitespace-only text between elements is dropped as the SDK drops it.
import { XMLParser } from 'fast-xml-parser';
import { describeNonXml, looksLikeHtml } from './body-sniff.js';
import { decodeXmlEntities } from './xml-entities.js';
import { parseSimpleXml } from './xml-fast.js';

export { decodeXmlEntities };

export type XmlNode = Record<string, unknown>;

export type XmlDocument = { ok: true; rootName: string; root: unknown } | { ok: false; reason: string };

/** CDATA content is literal: turn it into escaped text so the single decoding pass gives it back unchanged. */
function inlineCdata(xml: string): string {
  return xml.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, content: string) => content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Elements that are lists in the answers this project reads, wherever they occur under a list parent. */
const listElements: Record<string, string> = { NodeSnapshot: 'NodeSnapshots', Snapshot: 'Snapshots', Tag: 'TagList' };

export const isList = (name: string, jPath: unknown) => {
  const parent = Object.hasOwn(listElements, name) ? listElements[name] : undefined;
  return parent !== undefined && typeof jPath === 'string' && jPath.endsWith(`${parent}.${name}`);
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  tagValueProcessor: (_name, value) => decodeXmlEntities(value),
  attributeValueProcessor: (_name, value) => decodeXmlEntities(value),
  isArray: isList,
});

/** fast-xml-parser with validation, for what the fast reader leaves to it; throws on malformed XML. */
export function parseWithFastXmlParser(text: string): XmlNode {
  return parser.parse(inlineCdata(text), true) as XmlNode;
}

const blankWithNewline = (text: string) => text.trim() === '' && text.includes('\n');

/** Drop indentation: whitespace-only text next to child elements, and whitespace-only leaves with a newline. */
function tidy(value: unknown): unknown {
  if (typeof value === 'string') return blankWithNewline(value) ? '' : value;
  if (Array.isArray(value)) return value.map(tidy);
  if (value === null || typeof value !== 'object') return value;
  const out: XmlNode = {};
  for (const [k, v] of Object.entries(value as XmlNode)) {
    if (k === '#text' && typeof v === 'string' && v.trim() === '') continue;
    out[k] = tidy(v);
  }
  return out;
}

/** Parse one XML document with exactly one root element; never throws. */
export function parseXmlDocument(body: string): XmlDocument {
  const text = body.replace(/\r\n?/g, '\n').trim();
  if (text.length === 0) return { ok: false, reason: 'empty body' };
  // an HTML error page often starts with <!DOCTYPE html>: call it what it is, not "XML with a DOCTYPE"
  if (looksLikeHtml(text)) return { ok: false, reason: 'text/html page' };
  if (/<!DOCTYPE/i.test(text)) return { ok: false, reason: 'XML with a DOCTYPE (not allowed in the protocol)' };
  if (!text.startsWith('<')) return { ok: false, reason: describeNonXml(text) };
  let doc: XmlNode;
  try {
    doc = parseSimpleXml(text, isList) ?? parseWithFastXmlParser(text);
  } catch (error) {
    return { ok: false, reason: `XML that does not parse: ${String((error as Error)?.message ?? error).split('\n')[0]}` };
  }
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?'));
  if (roots.length !== 1) return { ok: false, reason: `expected one root element, found ${roots.length}` };
  const rootName = roots[0]!;
  const root = doc[rootName];
  if (Array.isArray(root)) return { ok: false, reason: `expected one root element, found ${root.length} <${rootName}>` };
  return { ok: true, rootName, root: tidy(root) };
}

/** The text of a leaf element, or undefined when it is absent or has element children. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const node = value as XmlNode;
  const childElements = Object.keys(node).filter((k) => k !== '#text' && !k.startsWith('@'));
  if (childElements.length > 0) return undefined;
  return typeof node['#text'] === 'string' ? node['#text'] : '';
}

/** The `xmlns` attribute of an element, if any. */
export function namespaceOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const ns = (value as XmlNode)['@xmlns'];
  return typeof ns === 'string' ? ns : undefined;
}
