/**
 * What an HTML page could load from elsewhere, found by parsing it (test/report/html-scan.ts): anything
 * but in-page `#fragment` references in URL-bearing attributes, CSS url() that is not `url(#id)`, @import,
 * active or embedding elements, and xmlns attributes that are not the two SVG namespace names (namespace
 * URIs are names, never fetched, so they are allowed exactly).
 */
import { scanHtml } from './html-scan.js';

const NAMESPACES = new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']);
const URL_ATTRIBUTES = new Set([
  'href',
  'xlink:href',
  'src',
  'srcset',
  'action',
  'formaction',
  'poster',
  'data',
  'background',
  'ping',
]);
const ACTIVE = new Set([
  'script',
  'link',
  'img',
  'iframe',
  'object',
  'embed',
  'image',
  'video',
  'audio',
  'source',
  'foreignobject',
  'base',
  'form',
]);

/** Every reference that could make the browser fetch something; empty for a self-contained page. */
export function externalReferences(html: string): string[] {
  const problems: string[] = [];
  for (const tag of scanHtml(html)) {
    if (ACTIVE.has(tag.name)) problems.push(`<${tag.name}> element`);
    for (const [name, value] of tag.attributes) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        if (!NAMESPACES.has(value)) problems.push(`${name}="${value}" is not an SVG namespace name`);
        continue;
      }
      if (URL_ATTRIBUTES.has(name) && !value.startsWith('#'))
        problems.push(`${name}="${value}" on <${tag.name}>`);
      for (const url of value.matchAll(/url\s*\(\s*['"]?([^)'"]*)/gi)) {
        if (!url[1]!.startsWith('#')) problems.push(`url(${url[1]}) in ${name} on <${tag.name}>`);
      }
      if (/^https?:|^\/\//i.test(value.trim()) && !URL_ATTRIBUTES.has(name)) {
        problems.push(`${name}="${value}" on <${tag.name}> holds a URL`);
      }
    }
  }
  for (const style of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
    const css = style[1] ?? '';
    if (/@import/i.test(css)) problems.push('@import in <style>');
    for (const url of css.matchAll(/url\s*\(\s*['"]?([^)'"]*)/gi)) {
      if (!url[1]!.startsWith('#')) problems.push(`url(${url[1]}) in <style>`);
    }
  }
  return problems;
}
