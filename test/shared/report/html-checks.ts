import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { expect } from 'vitest';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Every element of a parsed document, depth first. */
export function elements(html: string): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node) out.push(node);
    const children = 'childNodes' in node ? node.childNodes : [];
    for (const child of children) walk(child);
    if ('content' in node && node.content) walk(node.content);
  };
  walk(parse(html));
  return out;
}

/** The document's text, as a reader sees it. */
export function textOf(html: string): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeName === '#text' && 'value' in node) parts.push(node.value);
    const children = 'childNodes' in node ? node.childNodes : [];
    for (const child of children) walk(child);
  };
  walk(parse(html));
  return parts.join('');
}

/** Asserts an HTML document can run nothing and fetch nothing: no script, no handler, no URL. */
export function expectInert(html: string): void {
  const all = elements(html);
  expect(all.length).toBeGreaterThan(5);
  for (const el of all) {
    expect(['script', 'iframe', 'object', 'embed', 'img', 'a', 'link', 'base', 'form'], el.tagName).not.toContain(
      el.tagName,
    );
    for (const attr of el.attrs) {
      expect(attr.name, `<${el.tagName} ${attr.name}>`).not.toMatch(/^on/i);
      if (['href', 'src', 'action', 'xlink:href', 'srcset', 'formaction'].includes(attr.name))
        expect.fail(`<${el.tagName} ${attr.name}="${attr.value}">`);
      expect(attr.value, `<${el.tagName} ${attr.name}>`).not.toMatch(/(?:https?|javascript):/i);
    }
  }
}
