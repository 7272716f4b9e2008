// Escaping for XML 1.0 and HTML. Characters XML 1.0 cannot carry at all (most C0 controls,
// lone surrogates, U+FFFE/U+FFFF) are removed; astral characters pass through intact.
// Reports escape for XML and HTML alike (quotes and line breaks as attributes need them); which characters
// XML 1.0 cannot carry is the protocol layer's one answer.
import { stripInvalidXml } from '../protocol/xml-write.js';

export { stripInvalidXml };

/** Text content (element bodies) for XML and HTML. */
export function escapeText(text: string): string {
  return stripInvalidXml(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values (double-quoted); line breaks and tabs kept as character references, not normalised away. */
export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
