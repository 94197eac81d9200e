// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { target, type Target } from '../../shared/schema/targets';
import { TargetForm } from '../../renderer/views/targets/target-form';
import { checkDraft, draftFromTarget, emptyDraft, fieldOf } from '../../renderer/views/targets/target-draft';
import { readTargetsFile } from '../../renderer/views/targets/import-targets';

afterEach(cleanup);

function renderForm(props: Partial<Parameters<typeof TargetForm>[0]> = {}) {
  const onSave = vi.fn(async (_t: Target) => ({ ok: true as const }));
  const onCancel = vi.fn();
  render(<TargetForm takenIds={['local', 'gpu-box']} onSave={onSave} onCancel={onCancel} {...props} />);
  return { onSave, onCancel, form: screen.getByRole('form') };
}

/** The text that aria-describedby points at: the error (or hint) under the field. */
function description(field: HTMLElement): string {
  const id = field.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? '') : '';
}

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the target form', () => {
  it('shows nothing before the first save, then each error under its field, tied by aria', () => {
    const { onSave } = renderForm();
    const id = screen.getByLabelText('ID');
    expect(id.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save target' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(id.getAttribute('aria-invalid')).toBe('true');
    expect(description(id)).toBe('ID is required: letters, digits, . _ -');
    const provider = screen.getByLabelText('Provider');
    expect(provider.getAttribute('aria-invalid')).toBe('true');
    expect(description(provider)).toBe('Provider is required (e.g. aws, gcp, azure)');
    expect(description(screen.getByLabelText('Hourly rate (USD/h)'))).toBe(
      'Hourly rate is required for a cloud target (USD per hour)',
    );
    expect(screen.getByRole('status').textContent).toBe('3 fields to fix');
    // The focus goes to the first field to fix.
    return waitFor(() => expect(document.activeElement).toBe(id));
  });

  it('re-checks on every keystroke after a save: unique ids, numbers, labels, GPUs', () => {
    renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Save target' }));
    type('ID', 'gpu-box');
    expect(description(screen.getByLabelText('ID'))).toBe('duplicate target id "gpu-box": another target has it');
    type('ID', 'aws-new');
    expect(screen.getByLabelText('ID').getAttribute('aria-invalid')).toBeNull();
    type('CPU (logical cores)', 'lots');
    expect(description(screen.getByLabelText('CPU (logical cores)'))).toBe(
      'expected a number ≥ 0 (logical cores), got "lots"',
    );
    type('CPU (logical cores)', '-2');
    expect(description(screen.getByLabelText('CPU (logical cores)'))).toMatch(/expected a number ≥ 0/);
    type('Labels', 'region=eu, oops');
    expect(description(screen.getByLabelText('Labels'))).toBe('expected key=value, got "oops"');
    fireEvent.click(screen.getByRole('button', { name: 'Add a GPU' }));
    type('GPU 1 VRAM (GB)', 'big');
    expect(description(screen.getByLabelText('GPU 1 VRAM (GB)'))).toMatch(/expected a number ≥ 0 \(GB\), got "big"/);
    fireEvent.click(screen.getByRole('button', { name: 'Remove GPU 1' }));
    expect(screen.queryByLabelText('GPU 1 VRAM (GB)')).toBeNull();
  });

  it('saves a valid cloud target as the schema reads it', async () => {
    const { onSave } = renderForm();
    type('ID', 'aws-g5');
    type('Provider', 'aws');
    type('Instance type (optional)', 'g5.xlarge');
    type('Hourly rate (USD/h)', '1.006');
    type('Labels', 'region=us-east-1');
    type('CPU (logical cores)', '4');
    type('Memory (GB)', '16');
    fireEvent.change(screen.getByLabelText('OS'), { target: { value: 'linux' } });
    fireEvent.change(screen.getByLabelText('Network'), { target: { value: 'yes' } });
    type('Tools', 'docker=27.1.1, python3');
    fireEvent.click(screen.getByRole('button', { name: 'Add a GPU' }));
    type('GPU 1 model', 'A10G');
    type('GPU 1 VRAM (GB)', '24');
    fireEvent.click(screen.getByRole('button', { name: 'Save target' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0]).toEqual({
      id: 'aws-g5',
      type: 'cloud',
      provider: 'aws',
      instanceType: 'g5.xlarge',
      hourlyRate: 1.006,
      labels: { region: 'us-east-1' },
      capabilities: {
        cpu: 4,
        memoryGb: 16,
        os: 'linux',
        network: true,
        tools: { docker: '27.1.1', python3: null },
        gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 24 }],
      },
    });
  });

  it('shows the SSH fields for an SSH target, and the main process’s own errors under their field', async () => {
    const onSave = vi.fn(async () => ({
      ok: false as const,
      problems: [{ path: 'targets[2].host', message: 'host refused by the main process' }],
    }));
    renderForm({ onSave });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'ssh' } });
    expect(screen.queryByLabelText('Provider')).toBeNull();
    type('ID', 'box');
    type('Host', '-oProxyCommand=evil');
    fireEvent.click(screen.getByRole('button', { name: 'Save target' }));
    expect(description(screen.getByLabelText('Host'))).toMatch(/not starting with -/);
    type('Host', '10.0.0.5');
    type('Port', '70000');
    expect(description(screen.getByLabelText('Port'))).toBe('expected a port number 1–65535, got 70000');
    type('Port', '2222');
    fireEvent.click(screen.getByLabelText('Probe over SSH to discover its capabilities'));
    fireEvent.click(screen.getByRole('button', { name: 'Save target' }));
    await waitFor(() => expect(description(screen.getByLabelText('Host'))).toBe('host refused by the main process'));
    expect(onSave).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'box', type: 'ssh', host: '10.0.0.5', port: 2222, probe: true }),
    );
  });

  it('edits a saved target: its fields filled in, its own id allowed', async () => {
    const saved = target.parse({
      id: 'gpu-box',
      type: 'ssh',
      host: '10.0.0.5',
      user: 'ml',
      labels: { region: 'eu-west-1' },
      capabilities: { cpu: 32, gpus: [{ vendor: 'nvidia', model: 'RTX 4090', vramGb: 24 }], tools: ['git'] },
    });
    const { onSave } = renderForm({ editing: saved, takenIds: ['local'] });
    expect(screen.getByRole('form', { name: 'Edit target gpu-box' })).toBeTruthy();
    expect((screen.getByLabelText('Host') as HTMLInputElement).value).toBe('10.0.0.5');
    expect((screen.getByLabelText('GPU 1 model') as HTMLInputElement).value).toBe('RTX 4090');
    expect((screen.getByLabelText('Tools') as HTMLInputElement).value).toBe('git');
    type('CPU (logical cores)', '64');
    fireEvent.click(screen.getByRole('button', { name: 'Save target' }));
    await waitFor(() => expect(onSave).toHaveBeenCalled());
    expect(onSave.mock.calls[0]![0]).toEqual({ ...saved, capabilities: { ...saved.capabilities, cpu: 64 } });
  });

  it('cancels', () => {
    const { onCancel, form } = renderForm();
    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
  });
});

describe('target drafts', () => {
  it('round-trip every kind of target through the form unchanged', () => {
    const targets = [
      target.parse({ id: 'local', type: 'local', capabilities: { physical: { cpu: 64 } } }),
      target.parse({ id: 'b', type: 'ssh', host: 'h', knownHostsFile: '~/.ssh/kh', hostKeyPolicy: 'accept-new' }),
      target.parse({
        id: 'c',
        type: 'cloud',
        provider: 'gcp',
        hourlyRate: 0.5,
        capabilities: { arch: 'arm64', network: false, maxRuntimeMinutes: 60, gpus: [{ vendor: 'amd', count: 2 }] },
      }),
    ];
    for (const t of targets) {
      const checked = checkDraft(draftFromTarget(t), [], t);
      expect(checked).toEqual({ ok: true, value: t });
    }
  });

  it('puts each error path on its form field', () => {
    expect(fieldOf('capabilities.gpus[1].vramGb')).toBe('gpus.1.vramGb');
    expect(fieldOf('capabilities.tools')).toBe('tools');
    expect(fieldOf('labels.bad key')).toBe('labels');
    expect(fieldOf('host')).toBe('host');
    expect(fieldOf('')).toBe('form');
    expect(
      checkDraft({ ...emptyDraft('cloud'), id: 'x', provider: 'p', hourlyRate: '1', tools: 'bad tool!' }, []),
    ).toMatchObject({ ok: false, errors: { tools: expect.stringMatching(/tool name/) } });
  });
});

describe('the target form, forgiving to type in', () => {
  it('reads numbers written with their unit or currency sign', async () => {
    const { onSave } = renderForm();
    type('ID', 'aws-g5');
    type('Provider', 'aws');
    type('Hourly rate (USD/h)', '$1.006/h');
    type('CPU (logical cores)', '4 vCPUs');
    type('Memory (GB)', '128GB');
    type('Free disk (GB)', '1,024 GB');
    type('Max runtime (minutes)', '1,440 min');
    fireEvent.click(screen.getByRole('button', { name: 'Add a GPU' }));
    type('GPU 1 VRAM (GB)', '24 GB');
    fireEvent.click(screen.getByRole('button', { name: 'Save target' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0]).toMatchObject({
      hourlyRate: 1.006,
      capabilities: { cpu: 4, memoryGb: 128, diskGb: 1024, maxRuntimeMinutes: 1440, gpus: [{ vramGb: 24 }] },
    });
  });

  it('refuses another unit, naming the field’s own', () => {
    const { onSave } = renderForm();
    type('ID', 'aws-g5');
    type('Provider', 'aws');
    type('Hourly rate (USD/h)', '€1');
    type('Memory (GB)', '4 TB');
    fireEvent.click(screen.getByRole('button', { name: 'Save target' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(description(screen.getByLabelText('Memory (GB)'))).toBe(
      'Memory is in GB; "4 TB" is not GB (4 TB is 4,000 GB)',
    );
    expect(description(screen.getByLabelText('Hourly rate (USD/h)'))).toBe(
      'Hourly rate is in USD per hour; "€1" is not USD per hour',
    );
  });

  it('says an empty provider is required, in words', () => {
    renderForm();
    type('ID', 'aws-g5');
    type('Hourly rate (USD/h)', '1');
    fireEvent.click(screen.getByRole('button', { name: 'Save target' }));
    expect(description(screen.getByLabelText('Provider'))).toBe('Provider is required (e.g. aws, gcp, azure)');
  });

  it('says which fields a task is likely to need, and that empty is unknown', () => {
    const { form } = renderForm();
    expect(
      within(form).getByText(/^Tasks usually ask for: CPU, memory, GPUs, OS, architecture, network and tools/)
        .textContent,
    ).toMatch(/A field left empty is unknown, and unknown never meets a requirement/);
  });

  it('has placeholders that read as hints, never as values', () => {
    const { form } = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Add a GPU' }));
    const placeholders = [...form.querySelectorAll('input[placeholder]')].map(
      (i) => (i as HTMLInputElement).placeholder,
    );
    expect(placeholders.length).toBeGreaterThan(8);
    for (const p of placeholders) expect(p, p).toMatch(/^(e\.g\. |unknown|no limit|empty: )/);
  });
});

describe('importing a targets file', () => {
  it('names the file and the path of every problem, and reads a good file', () => {
    expect(
      readTargetsFile('t.yaml', 'targets:\n  - {id: a, type: local}\n  - {id: a, type: local, cpus: 2}\n'),
    ).toEqual({
      ok: false,
      lines: [
        't.yaml: targets[1].cpus: unknown key',
        't.yaml: targets[1].id: duplicate target id "a" (first at targets[0])',
      ],
    });
    const syntax = readTargetsFile('t.json', '{"targets": [');
    expect(syntax.ok).toBe(false);
    expect(!syntax.ok && syntax.lines[0]).toMatch(/^t\.json: line 1, column \d+: invalid JSON/);
    const good = readTargetsFile('t.yaml', 'targets:\n  - {id: a, type: local}\n');
    expect(good.ok && good.value.targets.map((t) => t.id)).toEqual(['a']);
  });
});
