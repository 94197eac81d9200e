/**
 * Makes text inert in GitHub-flavoured Markdown, inside a table cell or a line of prose: `<`, `>`
 * and `&` become entities (no raw HTML), every character that starts markup (emphasis, code, links,
 * images, tables, strikethrough, math, mentions, issue refs, emoji) is backslash-escaped, and the
 * colon of a URL scheme or an emoji code and the `www.` that GFM would autolink are broken up. Newlines become spaces: one value, one
 * line, so it cannot end a table row or start a block.
 */
export function md(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#!|~$@^]/g, '\\$&')
    .replace(/:(?=[/A-Za-z_+-])/g, '\\:')
    .replace(/(www)\./gi, '$1\\.');
}
