// hcl2json renders every attribute value that is not a plain literal as a string: literal text
// (already unescaped) with `${ expression }` parts holding the expression's source text.
// This splits such a string back into its literal and expression parts.

export type TemplatePart = { readonly literal: string } | { readonly expression: string };

/** Splits a hcl2json string into literal text and `${ }` expression sources. */
export function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      // `$${` is Terraform's escape for a literal `${`.
      literal += '${';
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = findExpressionEnd(text, i + 2);
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ expression: text.slice(i + 2, end).trim() });
      i = end + 1;
    } else {
      literal += text[i];
      i++;
    }
  }
  if (literal || parts.length === 0) parts.push({ literal });
  return parts;
}

/** Index of the `}` closing an expression that starts at `start`, skipping nested braces and strings. */
function findExpressionEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      i = findStringEnd(text, i + 1) + 1;
      continue;
    }
    if (char === '{') depth++;
    if (char === '}') {
      if (depth === 0) return i;
      depth--;
    }
    i++;
  }
  throw new Error(`Unclosed \${ in: ${text}`);
}

/** Index of the `"` closing a quoted string whose content starts at `start`. */
function findStringEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    if (text[i] === '\\') {
      i += 2;
    } else if (text.startsWith('${', i)) {
      i = findExpressionEnd(text, i + 2) + 1;
    } else if (text[i] === '"') {
      return i;
    } else {
      i++;
    }
  }
  throw new Error(`Unclosed string in: ${text}`);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * The value of the literal text of a quoted HCL string, from its source: the syntax tree keeps
 * escapes (`\\`, `\"`, `\n`, `\uNNNN`, `$${`, `%%{`) as written.
 */
export function unescapeHclString(source: string): string {
  return source.replace(
    /\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g,
    (match: string, escape?: string) => {
      if (match === '$${') return '${';
      if (match === '%%{') return '%{';
      if (escape && (escape[0] === 'u' || escape[0] === 'U'))
        return String.fromCodePoint(parseInt(escape.slice(1), 16));
      const simple = escape !== undefined ? SIMPLE_ESCAPES[escape] : undefined;
      if (simple === undefined) throw new Error(`Invalid escape ${match} in "${source}"`);
      return simple;
    }
  );
}
