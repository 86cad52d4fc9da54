/**
 * A small HTML tokenizer for tests (no HTML parser is installed): start/end tags with their attributes, in
 * document order, and a nesting check. Enough to assert structure and what the page could fetch; it does not
 * handle raw-text elements other than <style> (the reports have no scripts).
 */

export interface Tag {
  name: string;
  attributes: Map<string, string>;
  /** Ancestors (outermost first) at this tag. */
  path: string[];
}

const VOID = new Set([
  'meta',
  'link',
  'br',
  'hr',
  'img',
  'input',
  'col',
  'area',
  'base',
  'source',
  'wbr',
  'embed',
]);
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Every start tag (with attributes and ancestors); throws on mismatched or unclosed elements. */
export function scanHtml(html: string): Tag[] {
  const tags: Tag[] = [];
  const stack: string[] = [];
  const source = html
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '<style></style>')
    .replace(/<!--[\s\S]*?-->/g, '');
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<!DOCTYPE[^>]*>/g;
  for (const match of source.matchAll(token)) {
    if (match[2] === undefined) continue;
    const [, closing, rawName, rawAttributes = '', selfClosing] = match;
    const name = rawName.toLowerCase();
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}> at offset ${match.index}`);
      continue;
    }
    const attributes = new Map<string, string>();
    for (const attribute of rawAttributes.matchAll(ATTRIBUTE)) {
      attributes.set(attribute[1]!.toLowerCase(), attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    tags.push({ name, attributes, path: [...stack] });
    if (!selfClosing && !VOID.has(name)) stack.push(name);
  }
  if (stack.length > 0) throw new Error(`unclosed elements: ${stack.join(' > ')}`);
  return tags;
}
