import type { ReactNode } from 'react';
import type { Capabilities } from '../../../shared/schema/capabilities';
import { formatCount, formatGb } from '../../format/number';

const UNKNOWN = 'unknown';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** A card with a heading that names it, so that tests and screen readers find it as a region. */
function Card({ title, children }: { title: string; children: ReactNode }) {
  const id = `machine-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="card machine-card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** Effective cores or memory, and the physical amount when a cgroup limits this process to less. */
function limited(effective: string, physical: string | null) {
  return physical === null ? effective : `${effective} (of ${physical} on the machine)`;
}

/** The local machine at a glance: each fact from the capability report, unknown ones said so. */
export function MachineFacts({ capabilities: c }: { capabilities: Capabilities }) {
  const physicalCpu = c.physical?.cpu !== undefined && c.physical.cpu !== c.cpu ? `${c.physical.cpu}` : null;
  const physicalMemory =
    c.physical?.memoryGb !== undefined && c.physical.memoryGb !== c.memoryGb ? formatGb(c.physical.memoryGb) : null;
  const tools = Object.entries(c.tools ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="machine-facts">
      <div className="machine-grid">
        <Card title="CPU">
          <dl>
            <Fact term="Model">{c.cpuModel ?? UNKNOWN}</Fact>
            <Fact term="Logical cores">{c.cpu === undefined ? UNKNOWN : limited(`${c.cpu} usable`, physicalCpu)}</Fact>
          </dl>
        </Card>
        <Card title="Memory and disk">
          <dl>
            <Fact term="Memory">{limited(`${formatGb(c.memoryGb)} usable`, physicalMemory)}</Fact>
            <Fact term="Free disk">{formatGb(c.diskGb)}</Fact>
          </dl>
        </Card>
        <Card title="System">
          <dl>
            <Fact term="OS">{c.os ?? UNKNOWN}</Fact>
            <Fact term="Architecture">{c.arch ?? UNKNOWN}</Fact>
            <Fact term="Network">{c.network === undefined ? UNKNOWN : c.network ? 'yes' : 'no'}</Fact>
            {c.maxRuntimeMinutes !== undefined && <Fact term="Max runtime">{c.maxRuntimeMinutes} min</Fact>}
          </dl>
        </Card>
      </div>
      <Card title="GPUs">
        {c.gpus === undefined ? (
          <p className="muted">Unknown: discovery could not tell.</p>
        ) : c.gpus.length === 0 ? (
          <p className="muted">No GPU found.</p>
        ) : (
          <table className="machine-table">
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col">Model</th>
                <th scope="col">VRAM (per GPU)</th>
                <th scope="col">Count</th>
              </tr>
            </thead>
            <tbody>
              {c.gpus.map((g, i) => (
                <tr key={i}>
                  <td>{g.vendor}</td>
                  <td>{g.model ?? UNKNOWN}</td>
                  <td className={g.vramGb == null ? 'muted' : undefined}>{formatGb(g.vramGb)}</td>
                  <td>{formatCount(g.count ?? 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Tools">
        {tools.length === 0 ? (
          <p className="muted">No tools found on PATH.</p>
        ) : (
          <ul className="machine-tools">
            {tools.map(([name, version]) => (
              <li key={name}>
                <code>{name}</code>{' '}
                <span className={version === null ? 'muted' : undefined}>{version ?? 'unknown version'}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
