// A SkyPilot-format catalog of a given number of rows, for the import benchmark: AWS's columns, a
// spread of instance families with and without GPUs (GpuInfo as the Python-dict string AWS's rows
// carry), every row in its own region and zone so that no two rows merge.
const FAMILIES = [
  { type: 'm5.large', cpu: 2, mem: 8, gpu: null },
  { type: 'c7gn.xlarge', cpu: 4, mem: 8, gpu: null },
  { type: 'g5.xlarge', cpu: 4, mem: 16, gpu: { name: 'A10G', count: 1, mib: 24576 } },
  { type: 'g4dn.12xlarge', cpu: 48, mem: 192, gpu: { name: 'T4', count: 4, mib: 15360 } },
  { type: 'p4d.24xlarge', cpu: 96, mem: 1152, gpu: { name: 'A100', count: 8, mib: 40960 } },
  { type: 'p5.48xlarge', cpu: 192, mem: 2048, gpu: { name: 'H100', count: 8, mib: 81920 } },
] as const;

export function makeCatalogCsv(rows: number): string {
  const lines = [
    'InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone',
  ];
  for (let i = 0; i < rows; i++) {
    const f = FAMILIES[i % FAMILIES.length]!;
    const region = `region-${Math.floor(i / FAMILIES.length)}`;
    const price = (0.05 + (i % 97) * 0.37).toFixed(4);
    const spot = i % 3 === 0 ? '' : (Number(price) * 0.4).toFixed(4);
    const info =
      f.gpu === null
        ? ''
        : `"{'Gpus': [{'Name': '${f.gpu.name}', 'Manufacturer': 'NVIDIA', 'Count': ${f.gpu.count}.0, 'MemoryInfo': {'SizeInMiB': ${f.gpu.mib}}}], 'TotalGpuMemoryInMiB': ${f.gpu.mib * f.gpu.count}}"`;
    lines.push(
      [
        f.type,
        f.gpu?.name ?? '',
        f.gpu ? `${f.gpu.count}.0` : '',
        `${f.cpu}.0`,
        `${f.mem}.0`,
        info,
        price,
        spot,
        region,
        `${region}a`,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
