import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCatalogCsv } from '../../../shared/fleet/catalog.js';
import { FleetInputError } from '../../../shared/fleet/types.js';
import { targetList, type Target } from '../../../shared/schema/targets.js';

const importedAt = '2026-03-02T10:30:00Z';
const path = (cloud: string) => `/home/ada/.sky/catalogs/v7/${cloud}/vms.csv`;
const fixture = (cloud: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/fleet/catalog/${cloud}/vms.csv`, import.meta.url)), 'utf8');
const load = (cloud: string) => parseCatalogCsv(fixture(cloud), { file: path(cloud), importedAt });
const byId = (targets: Target[]) => new Map(targets.map((t) => [t.id, t]));
const linux = { os: 'linux', network: true } as const;

const AWS_HEADER =
  'InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone';
/** An AWS-ordered catalog of the given rows, for one cloud. */
const csv = (rows: string[], cloud = 'aws', header = AWS_HEADER) =>
  parseCatalogCsv([header, ...rows].join('\n'), { cloud, importedAt });

function errorOf(text: string, cloud: string | null = 'aws'): string {
  try {
    parseCatalogCsv(text, { importedAt, ...(cloud ? { cloud } : {}) });
  } catch (err) {
    if (err instanceof FleetInputError) return err.message;
    throw err;
  }
  throw new Error('expected a FleetInputError');
}

describe('parseCatalogCsv: AWS (Python-dict GpuInfo)', () => {
  const { targets, warnings } = load('aws');
  const t = byId(targets);

  it('makes one target per instance type and region, and a spot twin where there is a spot price', () => {
    expect(targets.map((x) => x.id)).toEqual([
      'aws-a1.large-us-east-1',
      'aws-a1.large-us-east-1-spot',
      'aws-c1.medium-us-east-1',
      'aws-c1.medium-us-east-1-spot',
      'aws-c7gn.xlarge-us-west-2',
      'aws-c7gn.xlarge-us-west-2-spot',
      'aws-g5.xlarge-us-east-1',
      'aws-g5.xlarge-us-east-1-spot',
      'aws-g5g.xlarge-us-east-1',
      'aws-g5g.xlarge-us-east-1-spot',
      'aws-inf2.xlarge-us-east-1',
      'aws-inf2.xlarge-us-east-1-spot',
      'aws-m5.large-us-east-1',
      'aws-m5.large-us-east-1-spot',
      'aws-m7g.large-us-east-1',
      'aws-m7g.large-us-east-1-spot',
      'aws-p4de.24xlarge-us-east-1', // no spot price: no twin
      'aws-p5.48xlarge-us-east-1',
      'aws-p5.48xlarge-us-east-1-spot',
    ]);
    expect(targetList.parse(targets)).toHaveLength(19);
  });

  it('reads GPU memory from SizeInMiB, memory from MemoryGiB, and merges zones at the cheapest price', () => {
    const capabilities = {
      cpu: 4,
      memoryGb: 17.2, // 16 GiB
      gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 25.8, count: 1 }], // 24576 MiB
      ...linux,
      arch: 'x64',
    };
    const source = { kind: 'catalog', file: path('aws'), importedAt, context: 'aws', node: 'g5.xlarge@us-east-1' };
    expect(t.get('aws-g5.xlarge-us-east-1')).toEqual({
      id: 'aws-g5.xlarge-us-east-1',
      type: 'cloud',
      provider: 'aws',
      instanceType: 'g5.xlarge',
      capabilities,
      source,
      hourlyRate: 1.006,
      // Both zones ask 1.006: the first one stands.
      labels: { provider: 'aws', region: 'us-east-1', zone: 'use1-az1' },
    });
    expect(t.get('aws-g5.xlarge-us-east-1-spot')).toEqual({
      id: 'aws-g5.xlarge-us-east-1-spot',
      type: 'cloud',
      provider: 'aws',
      instanceType: 'g5.xlarge',
      capabilities,
      source,
      hourlyRate: 0.3911, // use1-az2's spot price, below use1-az1's 0.4321
      labels: { provider: 'aws', region: 'us-east-1', zone: 'use1-az2', spot: 'true' },
    });
  });

  it("keeps SkyPilot's accelerator name (A100-80GB) with the dict's memory and count", () => {
    expect(t.get('aws-p4de.24xlarge-us-east-1')?.capabilities).toEqual({
      cpu: 96,
      memoryGb: 1237, // 1152 GiB
      gpus: [{ vendor: 'nvidia', model: 'A100-80GB', vramGb: 85.9, count: 8 }],
      ...linux,
      arch: 'x64',
    });
    expect(t.get('aws-p5.48xlarge-us-east-1')?.hourlyRate).toBe(98.32);
    expect(t.get('aws-p5.48xlarge-us-east-1-spot')?.hourlyRate).toBe(31.4688);
    expect(t.get('aws-c1.medium-us-east-1')?.capabilities?.memoryGb).toBe(1.8); // 1.69921875 GiB
  });

  it('knows the Arm families by name', () => {
    const arch = (id: string) => t.get(id)?.capabilities?.arch;
    expect(
      ['a1.large', 'c7gn.xlarge', 'g5g.xlarge', 'm7g.large'].map((x) =>
        arch(`aws-${x}-us-${x === 'c7gn.xlarge' ? 'west-2' : 'east-1'}`),
      ),
    ).toEqual(['arm64', 'arm64', 'arm64', 'arm64']);
    expect(['m5.large', 'g5.xlarge', 'inf2.xlarge', 'p5.48xlarge'].map((x) => arch(`aws-${x}-us-east-1`))).toEqual([
      'x64',
      'x64',
      'x64',
      'x64',
    ]);
    expect(t.get('aws-g5g.xlarge-us-east-1')?.capabilities?.gpus).toEqual([
      { vendor: 'nvidia', model: 'T4g', vramGb: 17.2, count: 1 },
    ]);
  });

  it('says once per kind what it left out or merged, with examples', () => {
    expect(t.get('aws-inf2.xlarge-us-east-1')?.capabilities).toEqual({
      cpu: 4,
      memoryGb: 17.2,
      gpus: [],
      ...linux,
      arch: 'x64',
    });
    expect(warnings).toEqual([
      '3 rows have no on-demand price and are left out: p5.48xlarge@ap-south-1, p5.48xlarge@us-east-2, p5.48xlarge@eu-west-1',
      '1 duplicate row (same instance type, region and zone) merged into the first: g5.xlarge@use1-az1',
      '1 row has accelerators that are not GPUs the project knows, imported without them: inf2.xlarge (Inferentia2)',
    ]);
  });
});

describe('parseCatalogCsv: GCP (GPU rows priced on their own)', () => {
  const { targets, warnings } = load('gcp');
  const t = byId(targets);

  it('attaches each GPU row to the host SkyPilot would choose in its zone, prices added', () => {
    expect(targetList.parse(targets)).toHaveLength(15);
    const offers = targets.map((x) => [x.id, x.type === 'cloud' ? x.instanceType : '', x.hourlyRate]);
    expect(offers).toEqual([
      ['gcp-n1-highmem-8-us-central1', 'n1-highmem-8', 0.473212],
      ['gcp-n1-highmem-8-us-central1-spot', 'n1-highmem-8', 0.0996],
      ['gcp-n1-highmem-32-us-central1', 'n1-highmem-32', 1.892848],
      ['gcp-n1-highmem-32-us-central1-spot', 'n1-highmem-32', 0.3984],
      ['gcp-n1-standard-8-us-central1', 'n1-standard-8', 0.379998],
      ['gcp-n1-standard-8-us-central1-spot', 'n1-standard-8', 0.0761],
      ['gcp-n1-standard-16-us-central1', 'n1-standard-16', 0.759996],
      ['gcp-t2a-standard-4-us-central1', 't2a-standard-4', 0.154],
      ['gcp-t2a-standard-4-us-central1-spot', 't2a-standard-4', 0.0372],
      // A100 only comes on a2-highgpu-1g: 0.73948 + 2.933908, spot 0.29576 + 0.8802.
      ['gcp-a2-highgpu-1g-1xA100-us-central1', 'a2-highgpu-1g+1xA100', 3.673388],
      ['gcp-a2-highgpu-1g-1xA100-us-central1-spot', 'a2-highgpu-1g+1xA100', 1.17596],
      // One T4 wants 4 vCPUs and 16 GiB on N1: n1-standard-8 is the cheapest that fits.
      ['gcp-n1-standard-8-1xT4-us-central1', 'n1-standard-8+1xT4', 0.729998],
      ['gcp-n1-standard-8-1xT4-us-central1-spot', 'n1-standard-8+1xT4', 0.22],
      // Four V100 want 32 vCPUs and 128 GiB: n1-highmem-32.
      ['gcp-n1-highmem-32-4xV100-us-central1', 'n1-highmem-32+4xV100', 11.812848],
      ['gcp-n1-highmem-32-4xV100-us-central1-spot', 'n1-highmem-32+4xV100', 3.3744],
    ]);
  });

  it("gives a host-and-GPU target the host's CPU and memory and the row's GPUs, by name from the table", () => {
    expect(t.get('gcp-n1-highmem-32-4xV100-us-central1')).toEqual({
      id: 'gcp-n1-highmem-32-4xV100-us-central1',
      type: 'cloud',
      provider: 'gcp',
      instanceType: 'n1-highmem-32+4xV100',
      capabilities: {
        cpu: 32,
        memoryGb: 223.3, // 208 GiB
        gpus: [{ vendor: 'nvidia', model: 'V100', vramGb: 16, count: 4 }],
        ...linux,
        arch: 'x64',
      },
      source: {
        kind: 'catalog',
        file: path('gcp'),
        importedAt,
        context: 'gcp',
        node: 'n1-highmem-32+4xV100@us-central1',
      },
      hourlyRate: 11.812848,
      labels: { provider: 'gcp', region: 'us-central1', zone: 'us-central1-a' },
    });
    expect(t.get('gcp-a2-highgpu-1g-1xA100-us-central1')?.capabilities).toEqual({
      cpu: 12,
      memoryGb: 91.3,
      gpus: [{ vendor: 'nvidia', model: 'A100', vramGb: 40, count: 1 }],
      ...linux,
      arch: 'x64',
    });
  });

  it('knows Arm t2a, and takes the spot zone that is cheapest', () => {
    expect(t.get('gcp-t2a-standard-4-us-central1')?.capabilities?.arch).toBe('arm64');
    expect(t.get('gcp-n1-standard-8-us-central1')?.labels?.['zone']).toBe('us-central1-a');
    expect(t.get('gcp-n1-standard-8-us-central1-spot')?.labels?.['zone']).toBe('us-central1-b');
  });

  it('never makes a target of a2/a3 alone, nor of TPUs, and says so', () => {
    expect(targets.some((x) => x.type === 'cloud' && /^a[23]-[^+]*$/.test(x.instanceType ?? ''))).toBe(false);
    expect(warnings).toEqual([
      '1 row has no on-demand price and is left out: e2-highcpu-2@us-central1',
      '1 TPU row is left out (the project places on GPUs and CPUs): tpu-v2-8@us-central1',
      '2 rows of GCP GPU machine types (a2, a3, a4, g2…) are priced without their GPUs, so imported only as the host of a GPU row: a2-highgpu-1g@us-central1, a3-edgegpu-8g@us-central1',
      // us-central1-b has only n1-standard-8 (30 GiB); one V100 wants 8 vCPUs and 32 GiB.
      '1 GPU row has no host machine type in its zone, left out: 1xV100@us-central1-b',
    ]);
  });
});

describe('parseCatalogCsv: Lambda (no zones, no spot)', () => {
  it('reads its column order, bare GpuInfo names and Grace as arm64', () => {
    const { targets, warnings } = load('lambda');
    expect(warnings).toEqual([]);
    expect(targetList.parse(targets)).toHaveLength(4);
    expect(targets.map((x) => [x.id, x.hourlyRate, x.labels, x.capabilities])).toEqual([
      [
        'lambda-cpu_4x_general-us-east-1',
        0.2,
        { provider: 'lambda', region: 'us-east-1' },
        { cpu: 4, memoryGb: 17.2, gpus: [], ...linux, arch: 'x64' },
      ],
      [
        'lambda-gpu_1x_a6000-us-east-1',
        0.8,
        { provider: 'lambda', region: 'us-east-1' },
        {
          cpu: 14,
          memoryGb: 107.4,
          gpus: [{ vendor: 'nvidia', model: 'A6000', vramGb: 51.5, count: 1 }],
          ...linux,
          arch: 'x64',
        },
      ],
      [
        'lambda-gpu_1x_gh200-us-east-3',
        1.49,
        { provider: 'lambda', region: 'us-east-3' },
        {
          cpu: 64,
          memoryGb: 463.9,
          gpus: [{ vendor: 'nvidia', model: 'GH200', vramGb: 103.1, count: 1 }],
          ...linux,
          arch: 'arm64',
        },
      ],
      [
        'lambda-gpu_8x_v100-us-west-1',
        4.4,
        { provider: 'lambda', region: 'us-west-1' },
        {
          cpu: 92,
          memoryGb: 481,
          gpus: [{ vendor: 'nvidia', model: 'V100', vramGb: 16, count: 8 }],
          ...linux,
          arch: 'x64',
        },
      ],
    ]);
  });
});

describe('parseCatalogCsv: rows and cells', () => {
  it('takes the cloud as given over the path, and a given context over the cloud', () => {
    const r = parseCatalogCsv(fixture('lambda'), {
      file: path('aws'),
      cloud: 'Lambda',
      context: 'skypilot',
      importedAt,
    });
    expect(r.targets[0]).toMatchObject({
      id: 'lambda-cpu_4x_general-us-east-1',
      provider: 'lambda',
      source: { kind: 'catalog', context: 'skypilot', file: path('aws'), node: 'cpu_4x_general@us-east-1' },
    });
    expect(r.targets[0]?.type === 'cloud' && 'cloud' in (r.targets[0].source ?? {})).toBe(false);
  });

  it("knows Arm by each cloud's naming", () => {
    const arch = (cloud: string, types: string[]) =>
      csv(
        types.map((x) => `${x},,,2.0,8.0,,0.1,,r1,`),
        cloud,
      ).targets.map((x) => x.capabilities?.arch);
    expect(
      arch('aws', [
        't4g.micro',
        'x2gd.large',
        'im4gn.large',
        'is4gen.large',
        'r8g.large',
        'g4dn.xlarge',
        'c6in.large',
        'm7i-flex.large',
      ]),
    ).toEqual(['arm64', 'arm64', 'arm64', 'arm64', 'arm64', 'x64', 'x64', 'x64']);
    expect(arch('gcp', ['c4a-standard-8', 'n4a-standard-4', 'c3d-standard-8', 'n2-standard-4'])).toEqual([
      'arm64',
      'arm64',
      'x64',
      'x64',
    ]);
    expect(
      arch('azure', ['Standard_D4ps_v5', 'Standard_E8pds_v5', 'Standard_D4s_v5', 'Standard_NC24ads_A100_v4']),
    ).toEqual(['arm64', 'arm64', 'x64', 'x64']);
  });

  it('reads quoted cells with "" and line breaks, CRLF line ends and a byte-order mark', () => {
    const text =
      '\ufeffInstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone\r\n' +
      '"odd ""quoted"" type",,,"2.0",4.0,,0.1,,"us-\neast-1",\r\n' +
      'plain.large,,,2.0,4.0,,0.2,,us-east-1,\r\n';
    const r = parseCatalogCsv(text, { cloud: 'aws', importedAt });
    expect(r.targets.map((x) => [x.id, x.type === 'cloud' && x.instanceType, x.labels?.['region']])).toEqual([
      ['aws-odd--quoted--type-us--east-1', 'odd "quoted" type', 'us-\neast-1'],
      ['aws-plain.large-us-east-1', 'plain.large', 'us-east-1'],
    ]);
  });

  it('reads GpuInfo dicts with double quotes, several GPU models and partial GPUs', () => {
    const r = csv(
      [
        `mixed.metal,,,64.0,512.0,"{""Gpus"": [{""Name"": ""L4"", ""Manufacturer"": ""NVIDIA"", ""Count"": 2.0, ""MemoryInfo"": {""SizeInMiB"": 23034}}, {'Name': 'T4', 'Manufacturer': 'NVIDIA', 'Count': 1, 'MemoryInfo': {}}], 'TotalGpuMemoryInMiB': None}",3.5,,us-east-1,`,
        `Standard_NV4as_v4,MI25,0.125,4.0,14.0,"{'Gpus': [{'Name': 'MI25', 'Manufacturer': 'AMD', 'Count': 0.125, 'MemoryInfo': {'SizeInMiB': 2048}}]}",0.17,,eastus,`,
        `broken.large,A10G,1.0,4.0,16.0,"{'Gpus': [{'Name': 'A10G'",1.0,,us-east-1,`,
        `dl1.24xlarge,Gaudi HL-205,8.0,96.0,768.0,"{'Gpus': [{'Name': 'Gaudi HL-205', 'Manufacturer': 'Habana', 'Count': 8.0, 'MemoryInfo': {'SizeInMiB': 32768}}]}",13.1,,us-east-1,`,
      ],
      'azure',
    );
    expect(r.targets.map((x) => x.capabilities?.gpus)).toEqual([
      [
        { vendor: 'nvidia', model: 'L4', vramGb: 24.2, count: 2 },
        { vendor: 'nvidia', model: 'T4', vramGb: 16, count: 1 },
      ],
      // A fraction of a GPU is no whole GPU; a GpuInfo that cannot be read leaves the GPUs unknown.
      [],
      undefined,
      [{ vendor: 'intel', model: 'Gaudi HL-205', vramGb: 34.4, count: 8 }],
    ]);
    expect(r.warnings).toEqual([
      '1 row has a fraction of a GPU, imported without it: Standard_NV4as_v4 (0.125 × MI25)',
      '1 row has a GpuInfo that could not be read, imported with GPUs unknown: broken.large (A10G)',
    ]);
  });

  it('keeps ids unique when two names come out the same', () => {
    const r = csv(['a+b,,,1.0,1.0,,0.1,0.05,r1,', 'a-b,,,1.0,1.0,,0.2,,r1,']);
    expect(r.targets.map((x) => x.id)).toEqual(['aws-a-b-r1', 'aws-a-b-r1-spot', 'aws-a-b-r1-2']);
  });

  it('counts rows without a price once, with three examples', () => {
    const rows = ['x1', 'x2', 'x3', 'x4', 'x5'].map((x) => `${x}.large,,,1.0,1.0,,${x === 'x5' ? 'NaN' : ''},,r1,`);
    expect(csv(rows).warnings).toEqual([
      '5 rows have no on-demand price and are left out: x1.large@r1, x2.large@r1, x3.large@r1, …',
    ]);
  });
});

describe('parseCatalogCsv: bad input', () => {
  it('names a missing column and the columns it found', () => {
    expect(errorOf('a,b,c\n1,2,3\n')).toBe('not a SkyPilot catalog: missing column InstanceType; found: a,b,c');
    expect(errorOf('InstanceType,vCPUs,MemoryGiB,Region\nm5.large,2,8,us-east-1\n')).toBe(
      'not a SkyPilot catalog: missing column Price; found: InstanceType,vCPUs,MemoryGiB,Region',
    );
    expect(errorOf('')).toBe('not a SkyPilot catalog: the file is empty');
  });

  it('names the row, the instance type, the column and the value of a bad number', () => {
    const text = [
      AWS_HEADER,
      'm5.large,,,2.0,8.0,,0.096,,us-east-1,',
      'p4d.24xlarge,A100,8.0,x,1152.0,,32.77,,us-east-1,',
    ].join('\n');
    expect(errorOf(text)).toBe('row 3 (p4d.24xlarge): vCPUs: expected a number, got "x"');
    expect(errorOf([AWS_HEADER, 'm5.large,,,2.0,8.0,,$0.096,,us-east-1,'].join('\n'))).toBe(
      'row 2 (m5.large): Price: expected a number, got "$0.096"',
    );
    expect(errorOf([AWS_HEADER, 'm5.large,,,-2,8.0,,0.096,,us-east-1,'].join('\n'))).toBe(
      'row 2 (m5.large): vCPUs: expected a number ≥ 0',
    );
  });

  it('refuses broken rows and quoting', () => {
    expect(errorOf([AWS_HEADER, 'm5.large,,,2.0,8.0,0.096,us-east-1'].join('\n'))).toBe(
      'row 2: expected 10 cells as the header has, got 7',
    );
    expect(errorOf([AWS_HEADER, "m5.large,,,2.0,8.0,\"{'Gpus': [],0.096,,us-east-1,"].join('\n'))).toBe(
      'row 2: a quoted cell is never closed',
    );
    expect(errorOf([AWS_HEADER, 'm5.large,,,"2.0"x,8.0,,0.096,,us-east-1,'].join('\n'))).toBe(
      'row 2: text after the closing quote of a quoted cell',
    );
    expect(errorOf([AWS_HEADER, ',,,2.0,8.0,,0.096,,us-east-1,'].join('\n'))).toBe(
      'row 2: no InstanceType and no AcceleratorName',
    );
    expect(errorOf([AWS_HEADER, 'm5.large,,,2.0,8.0,,0.096,,,'].join('\n'))).toBe('row 2 (m5.large): Region is empty');
  });

  it('asks for the cloud when neither the caller nor the path says it', () => {
    expect(errorOf([AWS_HEADER, 'm5.large,,,2.0,8.0,,0.096,,us-east-1,'].join('\n'), null)).toBe(
      'cannot tell which cloud the catalog prices: name the cloud, or read it where SkyPilot keeps it (…/<cloud>/vms.csv)',
    );
  });
});
