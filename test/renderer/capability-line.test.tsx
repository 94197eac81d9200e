// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { compare } from '../../shared/engine/place';
import { checkTaskFile } from '../../shared/files/parse';
import { placementOptions, target } from '../../shared/schema/targets';
import { capabilityLine, priceLine } from '../../renderer/views/compare/capability-line';
import { CompareMatrix } from '../../renderer/views/compare/compare-matrix';
import { buildMatrix, strategyResults } from '../../renderer/views/compare/matrix-rows';

afterEach(cleanup);

const a100 = { vendor: 'nvidia', model: 'A100', vramGb: 40 };
const targets = [
  { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16, gpus: [] } },
  {
    id: 'p4d',
    type: 'cloud',
    provider: 'aws',
    hourlyRate: 32.77,
    capabilities: { cpu: 96, memoryGb: 1152, gpus: Array.from({ length: 8 }, () => a100) },
  },
].map((t) => target.parse(t));

describe('the capability line of a matrix row', () => {
  it('says vCPUs, memory and the GPUs grouped with their VRAM; an unstated one is ?', () => {
    expect(capabilityLine(targets[1]!.capabilities)).toBe('96 vCPU · 1152.0 GB · 8× A100 40 GB');
    expect(capabilityLine(targets[0]!.capabilities)).toBe('8 vCPU · 16.0 GB · no GPU');
    expect(capabilityLine(undefined)).toBe('? vCPU · ? GB · GPUs ?');
  });

  it('says the type, the hourly rate and the estimated cost of the run', () => {
    expect(priceLine('cloud', 32.77, 65.54)).toBe('cloud · $32.77/h · est. $65.54');
    expect(priceLine('local', 0, 0)).toBe('local · no hourly rate · free');
  });

  it('is shown under each target id in the matrix', () => {
    const checked = checkTaskFile({ task: { name: 't', requirements: { cpu: 4, maxRuntimeMinutes: 120 } } });
    if (!checked.ok) throw new Error('bad task');
    const results = strategyResults(
      compare(checked.value, targets, placementOptions.parse({}), { requestId: 'r' }),
      0,
    )!;
    render(<CompareMatrix rows={buildMatrix(targets, results, null)} selected={null} onSelect={() => {}} />);
    const header = screen.getByRole('button', { name: /p4d/ }).closest('[role="rowheader"]')!;
    expect(header.textContent).toMatch(/96 vCPU · 1152\.0 GB · 8× A100 40 GB/);
    expect(header.textContent).toMatch(/cloud · \$32\.77\/h · est\. \$65\.54/);
  });
});
