// What GitHub-flavoured Markdown needs escaped in a value, and nothing more: a report is read as
// text too, and `\(AMD EPYC\)` or `ml\@10.0.0.5` there is noise. What must hold whatever a value
// says: it creates no HTML, link, image or autolink, and cannot end a table cell, a row or a line.

// Markup at any place in a line: escape character, code, emphasis, strikethrough, link text, table cells.
const ALWAYS = /[\\`*~[\]|]/g;
// `_` opens or closes emphasis only at a word's edge; inside a word (`nvidia_smi`) it is text.
const EDGE_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
// GFM's extended autolinks: a URL scheme, `www.`, and an e-mail address (`ml@10.0.0.5` is one).
const SCHEME = /:(?=\/\/)/g;
const WWW = /\b(www)\./gi;
const EMAIL_AT = /(?<=[\w.+-])@(?=[\w-]+(?:\.[\w-]+)*\.[\w-]*[A-Za-z0-9])/g;
// A mention (`@name`), an issue reference (`#12`) and math (`$x$`, not `$2.01`) where GitHub renders them.
const MENTION = /(?<![\w.+\\-])@(?=\w)/g;
const ISSUE = /(?<![\w&])#(?=\d)/g;
const MATH = /\$(?!\d)/g;
// Block markup, only where a value starts a line: a heading, a quote, a list item, a setext underline.
const LINE_START = /^(\s*)([#>+=-]|\d+(?=[.)]))/;
// An entity (`&lt;`) would be decoded; a lone `&` is text.
const ENTITY = /&(?=#?\w+;)/g;

/**
 * Makes text inert in GitHub-flavoured Markdown, in a table cell or a line of prose, escaping only
 * what Markdown would read as markup there: `<` (raw HTML, autolinks) and an entity's `&` become
 * entities; `\`, backticks, `*`, `~`, `[`, `]`, `|` and a `_` at a word's edge are backslash-escaped;
 * an autolink (URL scheme, `www.`, e-mail address), a mention, an issue reference, math, and a
 * block marker at the start are broken with a backslash. Newlines become spaces: one value, one
 * line, so it cannot end a table row or start a block. Parentheses, `!`, `{}`, `^`, an `@` inside a
 * word that is no e-mail address and a `:` followed by anything but `//` stay as written.
 */
export function md(text: string): string {
  const one = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const escaped = one
    .replace(ENTITY, '&amp;')
    .replace(/</g, '&lt;')
    .replace(ALWAYS, '\\$&')
    .replace(EDGE_UNDERSCORE, '\\_')
    .replace(SCHEME, '\\:')
    .replace(WWW, '$1\\.')
    .replace(EMAIL_AT, '\\@')
    .replace(MENTION, '\\@')
    .replace(ISSUE, '\\#')
    .replace(MATH, '\\$');
  return escaped.replace(LINE_START, (_, space: string, mark: string) =>
    /^\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
  );
}

/**
 * An identifier (a host, an instance type) as a code span in a GFM table cell: shown whole and as
 * written, `ml@10.0.0.5:22`, never a link (code spans are not autolinked). Backticks inside get a
 * longer fence; `|` is escaped, as a table cell needs even inside code.
 */
export function mdCodeCell(text: string): string {
  const one = text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\|/g, '\\|');
  if (one.trim() === '') return md(text);
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}
