import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCgroupLimits } from './parse.js';

async function read(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

/** `/a/b` → [`/a/b`, `/a`, `/`]: a limit set on any ancestor applies. */
function ancestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = parts.length; i >= 0; i--) out.push(`/${parts.slice(0, i).join('/')}`);
  return out;
}

const min = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/**
 * The CPU and memory limits the cgroups of this process impose (v2, or v1 `cpu` and `memory`), read
 * under `root` (`/` normally; a fixture tree in tests). The tightest limit along the path wins; null
 * where nothing is limited.
 */
export async function readCgroupLimits(root = '/'): Promise<{ cpu: number | null; memoryGb: number | null }> {
  const self = await read(join(root, 'proc/self/cgroup'));
  if (self === undefined) return { cpu: null, memoryGb: null };
  let cpu: number | null = null;
  let memoryGb: number | null = null;
  for (const line of self.split('\n')) {
    const [, controllers = '', path = '/'] = line.split(':');
    const list = controllers.split(',');
    const mounts: [string, 'v2' | 'cpu' | 'memory'][] = [];
    if (controllers === '') mounts.push(['sys/fs/cgroup', 'v2'], ['sys/fs/cgroup/unified', 'v2']);
    if (list.includes('cpu')) mounts.push(['sys/fs/cgroup/cpu', 'cpu'], [`sys/fs/cgroup/${controllers}`, 'cpu']);
    if (list.includes('memory')) mounts.push(['sys/fs/cgroup/memory', 'memory']);
    for (const [mount, kind] of mounts) {
      for (const dir of ancestors(path)) {
        const base = join(root, mount, dir);
        const limits =
          kind === 'v2'
            ? parseCgroupLimits({
                cpuMax: await read(join(base, 'cpu.max')),
                memoryMax: await read(join(base, 'memory.max')),
              })
            : kind === 'cpu'
              ? parseCgroupLimits({
                  cfsQuotaUs: await read(join(base, 'cpu.cfs_quota_us')),
                  cfsPeriodUs: await read(join(base, 'cpu.cfs_period_us')),
                })
              : parseCgroupLimits({ memoryLimitInBytes: await read(join(base, 'memory.limit_in_bytes')) });
        cpu = min(cpu, limits.cpu);
        memoryGb = min(memoryGb, limits.memoryGb);
      }
    }
  }
  return { cpu, memoryGb };
}
