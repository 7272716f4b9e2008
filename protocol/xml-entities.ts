// XML's entity references, decoded in one pass by both XML readers (fast and fast-xml-parser).

const xmlEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode the five XML entities and `&#N;` / `&#xH;` references; anything else stays as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z]+));/g, (whole, hex?: string, dec?: string, named?: string) => {
    // own keys only: `&constructor;` or `&toString;` are not entities and stay as written
    if (named !== undefined) return Object.hasOwn(xmlEntities, named) ? xmlEntities[named]! : whole;
    const cp = parseInt(hex ?? dec ?? '', hex !== undefined ? 16 : 10);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}
