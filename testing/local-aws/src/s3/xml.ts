/** Just enough XML for S3's small request and response documents. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r\n\t]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#x${ch.charCodeAt(0).toString(16).toUpperCase()};`;
    }
  });
}

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    switch (entity) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(
          entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
        );
    }
  });
}

/** The texts of every `<tag>…</tag>` directly inside `xml` (no nesting of the same tag). */
export function elementTexts(xml: string, tag: string): string[] {
  const texts: string[] = [];
  const close = `</${tag}>`;
  let from = 0;
  for (;;) {
    const open = xml.indexOf(`<${tag}`, from);
    if (open < 0) return texts;
    const after = xml[open + tag.length + 1];
    const openEnd = xml.indexOf('>', open);
    if (openEnd < 0) return texts;
    from = openEnd + 1;
    // `<Part>` must not match `<PartNumber>`.
    if (after !== '>' && after !== ' ') continue;
    const end = xml.indexOf(close, from);
    if (end < 0) return texts;
    texts.push(xml.slice(from, end));
    from = end + close.length;
  }
}

export function elementText(xml: string, tag: string): string | undefined {
  const [first] = elementTexts(xml, tag);
  return first === undefined ? undefined : unescapeXml(first);
}

/** Serialises a flat or nested object as XML elements; arrays repeat the element, undefined is omitted. */
export function toXmlElements(value: Record<string, unknown>): string {
  let out = '';
  for (const [name, child] of Object.entries(value)) {
    for (const item of Array.isArray(child) ? child : [child]) {
      if (item === undefined) continue;
      const inner =
        typeof item === 'object' && item !== null
          ? toXmlElements(item as Record<string, unknown>)
          : escapeXml(String(item));
      out += `<${name}>${inner}</${name}>`;
    }
  }
  return out;
}

export function xmlDocument(root: string, content: Record<string, unknown>): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${toXmlElements(content)}</${root}>`
  );
}
