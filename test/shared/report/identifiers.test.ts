// Identifiers stay whole and readable in every format: the PDF/HTML never cuts `p4d.24xlarge` or
// `ml@10.0.0.5:22` in two, identical GPUs are grouped (`8× A100 40 GB`), and Markdown escapes only
// what Markdown would read as markup, still creating no HTML, link or image.
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { compare } from '../../../shared/engine/place.js';
import { md } from '../../../shared/report/markdown-escape.js';
import { comparisonReport, renderReport } from '../../../shared/report/index.js';
import { capabilityFacts } from '../../../shared/report/words.js';
import { optionsOf, targetsOf, taskOf } from '../inputs.js';
import { elements, expectInert, textOf } from './html-checks.js';

const a100 = { vendor: 'nvidia' as const, model: 'A100', vramGb: 40 };
const targets = targetsOf(
  {
    id: 'gpu-box',
    type: 'ssh',
    host: '10.0.0.5',
    user: 'ml',
    port: 22,
    labels: { 'node.kubernetes.io/instance-type': 'p4d.24xlarge', region: 'us-east-1' },
    capabilities: { cpu: 96, cpuModel: 'AMD EPYC 7R13 (64-Core)', memoryGb: 1152, gpus: Array(8).fill(a100) },
  },
  {
    id: 'aws-p4d.24xlarge',
    type: 'cloud',
    provider: 'aws',
    instanceType: 'p4d.24xlarge',
    hourlyRate: 32.7726,
    capabilities: { cpu: 96, memoryGb: 1152, gpus: [...Array(4).fill(a100), { ...a100, count: 4 }] },
  },
);
const file = taskOf({ name: 'finetune-7b', requirements: { gpu: { type: 'nvidia', minVram: 20 } } });
const options = optionsOf({});
const data = comparisonReport(
  file,
  targets.map((target) => ({ target, capabilitiesAgeMs: null })),
  options,
  compare(file, targets, options, { requestId: 'cmp-ids' }),
);

describe('GPUs in reports', () => {
  it('are grouped when identical: 8× A100 40 GB, once', () => {
    const gpus = capabilityFacts({ gpus: Array(8).fill(a100) }).find((f) => f.key === 'gpus')!;
    expect(gpus.value).toBe('8× A100 40 GB');
    const mixed = capabilityFacts({
      gpus: [a100, { ...a100, count: 3 }, { vendor: 'nvidia' as const, model: 'T4', vramGb: 16 }],
    });
    expect(mixed.find((f) => f.key === 'gpus')!.value).toBe('4× A100 40 GB, 1× T4 16 GB');
    for (const format of ['html', 'md'] as const) {
      const text = renderReport(data, format);
      expect(text).toContain('8× A100 40 GB');
      expect(text).not.toMatch(/A100 \(40 GB\), nvidia A100/);
    }
  });
});

describe('identifiers in the HTML (and so the PDF)', () => {
  const html = renderReport(data, 'html');

  it('are never broken inside a word: no overflow-wrap:anywhere, each one in a no-wrap span', () => {
    expect(html).not.toMatch(/td\.break\s*{[^}]*anywhere/);
    expect(html).not.toMatch(/word-break:\s*break-all/);
    expect(html).toMatch(/\.id\s*{\s*white-space:\s*nowrap;?\s*}/);
    const whole = elements(html)
      .filter((e) => e.attrs.some((a) => a.name === 'class' && a.value.split(' ').includes('id')))
      .map((e) => textOf(`<p>${serialise(e)}</p>`));
    for (const id of ['ml@10.0.0.5:22', 'p4d.24xlarge', 'aws-p4d.24xlarge', 'node.kubernetes.io/instance-type'])
      expect(whole).toContain(id);
    expectInert(html);
  });
});

/** An element's text, for matching it whole. */
function serialise(e: ReturnType<typeof elements>[number]): string {
  const parts: string[] = [];
  const walk = (n: unknown) => {
    const node = n as { nodeName: string; value?: string; childNodes?: unknown[] };
    if (node.nodeName === '#text') parts.push(node.value ?? '');
    for (const c of node.childNodes ?? []) walk(c);
  };
  walk(e);
  return parts.join('');
}

describe('Markdown escaping', () => {
  const text = renderReport(data, 'md');

  it('leaves what Markdown does not read as markup alone: parentheses, @ in an address, dots, colons', () => {
    expect(md('AMD EPYC 7R13 (64-Core)')).toBe('AMD EPYC 7R13 (64-Core)');
    expect(md('docker>=24, python3 3.11.7')).toBe('docker>=24, python3 3.11.7');
    expect(md('nvidia_smi gpu:a100:4 ~ {x} ^ !')).toBe('nvidia_smi gpu:a100:4 \\~ {x} ^ !');
    expect(md('$32.77/h')).toBe('$32.77/h');
    expect(text).toContain('AMD EPYC 7R13 (64-Core)');
    expect(text).not.toContain('\\(');
    // The address is a code span in its cell: whole, unescaped, and not a mailto: link.
    expect(text).toContain('`ml@10.0.0.5:22`');
    expect(text).not.toContain('ml\\@10');
  });

  it('still creates no link, image, HTML or extra table cell from a hostile value', () => {
    const hostile = [
      '[a](javascript:x)',
      '![i](http://x/y.png)',
      '<img src=x onerror=alert(1)>',
      '<http://evil.example>',
      'http://evil.example www.evil.example ml@10.0.0.5 @someone #12',
      'a | b | c',
      '`code` *em* _em_ **b** ~~s~~ $x$',
      '&lt;script&gt;',
      '# heading',
      '> quote',
      '1. item',
    ];
    for (const value of hostile) {
      const row = `| A | B |\n|---|---|\n| ${md(value)} | z |\n`;
      const table = marked.lexer(row, { gfm: true }).find((t): t is Tokens.Table => t.type === 'table')!;
      expect(table.rows[0], value).toHaveLength(2);
      const html = marked.parse(row, { gfm: true }) as string;
      const tags = elements(html).map((e) => e.tagName);
      for (const tag of ['a', 'img', 'script', 'code', 'em', 'strong', 'del', 'h1', 'blockquote', 'ol'])
        expect(tags, `${value} → ${html}`).not.toContain(tag);
      expect(textOf(html)).toContain(value);
      const line = marked.parse(md(value), { gfm: true }) as string;
      const lineTags = elements(line).map((e) => e.tagName);
      for (const tag of ['a', 'img', 'script', 'h1', 'blockquote', 'ol', 'ul', 'em', 'strong', 'code'])
        expect(lineTags, `${value} → ${line}`).not.toContain(tag);
    }
  });
});
