import { SelectField, TextField } from './form-fields';
import type { GpuDraft } from './target-draft';

/** The target's GPUs, one row per model (with a count); VRAM left empty is unknown, never guessed. */
export function GpuRows({
  gpus,
  vendors,
  errors,
  onChange,
}: {
  gpus: GpuDraft[];
  vendors: readonly string[];
  errors: Record<string, string>;
  onChange(gpus: GpuDraft[]): void;
}) {
  const update = (i: number, patch: Partial<GpuDraft>) =>
    onChange(gpus.map((g, k) => (k === i ? { ...g, ...patch } : g)));
  return (
    <fieldset className="tgt-fieldset">
      <legend>GPUs</legend>
      {gpus.length === 0 && <p className="muted tgt-none">No GPU.</p>}
      {gpus.map((g, i) => {
        const n = i + 1;
        return (
          <div className="tgt-fields tgt-gpu" key={i} role="group" aria-label={`GPU ${n}`}>
            <SelectField
              field={`gpus.${i}.vendor`}
              label={`GPU ${n} vendor`}
              value={g.vendor}
              onChange={(vendor) => update(i, { vendor })}
              options={vendors.map((v) => [v, v] as const)}
              error={errors[`gpus.${i}.vendor`]}
            />
            <TextField
              field={`gpus.${i}.model`}
              label={`GPU ${n} model`}
              value={g.model}
              onChange={(model) => update(i, { model })}
              error={errors[`gpus.${i}.model`]}
            />
            <TextField
              field={`gpus.${i}.vramGb`}
              label={`GPU ${n} VRAM (GB)`}
              value={g.vramGb}
              inputMode="decimal"
              placeholder="unknown"
              onChange={(vramGb) => update(i, { vramGb })}
              error={errors[`gpus.${i}.vramGb`]}
            />
            <TextField
              field={`gpus.${i}.count`}
              label={`GPU ${n} count`}
              value={g.count}
              inputMode="numeric"
              placeholder="empty: 1"
              onChange={(count) => update(i, { count })}
              error={errors[`gpus.${i}.count`]}
            />
            <button type="button" className="tgt-gpu-remove" onClick={() => onChange(gpus.filter((_, k) => k !== i))}>
              Remove GPU {n}
            </button>
          </div>
        );
      })}
      {errors['gpus'] && <p className="field-error">{errors['gpus']}</p>}
      <button
        type="button"
        onClick={() => onChange([...gpus, { vendor: vendors[0] ?? 'nvidia', model: '', vramGb: '', count: '' }])}
      >
        Add a GPU
      </button>
    </fieldset>
  );
}
