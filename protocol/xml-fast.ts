// A fast reader for the plain XML that protocol answers are made of: elements, double-quoted attributes, text
// with XML's own entity references, an optional leading XML declaration. It builds exactly what fast-xml-parser
// builds with xml-parse.ts's options. Anything outside that subset (comments, CDATA, processing instructions,
// mixed content, a `&` that is no entity reference, odd names or spacing, anything malformed) returns undefined,
// and the caller falls back to fast-xml-parser with validation, which owns every diagnosis. Most answers of a run
// are in the subset: they cost one linear scan instead of a validation pass, a parse and a tree conversion.

import { decodeXmlEntities } from './xml-entities.js';

type Node = Record<string, unknown>;

const nameChar = /[A-Za-z0-9_.:-]/;
const nameStart = /[A-Za-z_]/;
const declaration = /^<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<>&]*"|'[^'<>&]*'))*\s*\?>/;
const strayAmpersand = /&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/;
const attribute = /\s+([A-Za-z_][A-Za-z0-9_.:-]*)="([^"<]*)"/y;

/** One open element while its content is read. */
interface Open {
  name: string;
  /** dotted path from the root, this element's name last (fast-xml-parser's jPath) */
  jPath: string;
  node: Node;
  /** text seen directly inside this element (undefined: none yet) */
  text: string | undefined;
  hasChildren: boolean;
}

/**
 * Parse `xml` (trimmed, `\n` line ends, no CDATA) into fast-xml-parser's shape, or undefined when the text
 * is outside the subset. `isList(name, path)` says which elements are always arrays (fast-xml-parser's isArray).
 */
export function parseSimpleXml(xml: string, isList: (name: string, path: string) => boolean): Node | undefined {
  // carriage returns (which XML turns into line feeds) and any `&` but a plain reference are fast-xml-parser's
  if (xml.includes('\r') || (xml.includes('&') && strayAmpersand.test(xml))) return undefined;
  let i = 0;
  if (xml.startsWith('<?')) {
    const decl = declaration.exec(xml);
    if (!decl) return undefined;
    i = decl[0].length;
  }
  const doc: Node = {};
  const stack: Open[] = [];
  let rootDone = false;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (!top) {
        if (text.trim() !== '') return undefined; // text outside the root
      } else top.text = top.text === undefined ? text : top.text + text;
      i = textEnd;
      if (lt === -1) break;
    }
    const next = xml.charCodeAt(i + 1);
    if (next === 47 /* / */) {
      // a closing tag: </name>
      const close = xml.indexOf('>', i + 2);
      if (close === -1) return undefined;
      const name = xml.slice(i + 2, close);
      const top = stack.pop();
      if (!top || top.name !== name) return undefined;
      if (!finish(top, stack[stack.length - 1], doc, isList)) return undefined;
      if (stack.length === 0) rootDone = true;
      i = close + 1;
      continue;
    }
    // an opening tag: <name attr="v" ...> or <name .../>
    if (rootDone && stack.length === 0) return undefined; // a second root
    if (!nameStart.test(xml[i + 1] ?? '')) return undefined; // <!…, <?…, `< x`, a bad name
    let j = i + 2;
    while (j < n && nameChar.test(xml[j]!)) j++;
    const name = xml.slice(i + 1, j);
    const node: Node = {};
    for (;;) {
      attribute.lastIndex = j;
      const m = attribute.exec(xml);
      if (!m) break;
      const key = `@${m[1]!}`;
      if (Object.hasOwn(node, key)) return undefined; // duplicate attribute: the validator's to report
      node[key] = decodeXmlEntities(m[2]!);
      j = attribute.lastIndex;
    }
    let selfClosing = false;
    if (xml.startsWith('/>', j)) {
      selfClosing = true;
      j += 2;
    } else if (xml[j] === '>') j += 1;
    else return undefined; // spaces before `>`, an unquoted or single-quoted attribute, `<`, the end of the text
    const parent = stack[stack.length - 1];
    const open: Open = { name, jPath: parent ? `${parent.jPath}.${name}` : name, node, text: undefined, hasChildren: false };
    if (parent) parent.hasChildren = true;
    if (selfClosing) {
      if (!finish(open, parent, doc, isList)) return undefined;
      if (!parent) rootDone = true;
    } else stack.push(open);
    i = j;
  }
  if (stack.length !== 0 || !rootDone) return undefined;
  return doc;
}

/** Attach a closed element to its parent (or the document) the way fast-xml-parser does. */
function finish(el: Open, parent: Open | undefined, doc: Node, isList: (name: string, path: string) => boolean): boolean {
  let value: unknown;
  const attrs = Object.keys(el.node).length > 0;
  if (el.hasChildren) {
    // mixed content (text beside child elements) is fast-xml-parser's to shape
    if (el.text !== undefined && el.text.trim() !== '') return false;
    if (el.text !== undefined) el.node['#text'] = el.text;
    value = el.node;
  } else if (attrs) {
    if (el.text !== undefined) el.node['#text'] = decodeXmlEntities(el.text);
    value = el.node;
  } else value = decodeXmlEntities(el.text ?? '');
  const holder = parent ? parent.node : doc;
  if (Object.hasOwn(holder, el.name)) {
    const before = holder[el.name];
    // values are strings or objects, so an array here is this element's list
    if (Array.isArray(before)) before.push(value);
    else holder[el.name] = [before, value];
  } else holder[el.name] = isList(el.name, el.jPath) ? [value] : value;
  return true;
}
