/** The canonical names of GPU vendors, operating systems and architectures, and their accepted aliases. */
export const GPU_VENDORS = ['nvidia', 'amd', 'intel', 'apple'] as const;
export const GPU_VENDOR_ALIASES = { cuda: 'nvidia', rocm: 'amd', metal: 'apple' } as const;

export const OPERATING_SYSTEMS = ['linux', 'windows', 'macos'] as const;
export const OS_ALIASES = { darwin: 'macos', win32: 'windows' } as const;

export const ARCHITECTURES = ['x64', 'arm64'] as const;
export const ARCH_ALIASES = { amd64: 'x64', x86_64: 'x64', aarch64: 'arm64' } as const;

export type GpuVendor = (typeof GPU_VENDORS)[number];
export type OperatingSystem = (typeof OPERATING_SYSTEMS)[number];
export type Architecture = (typeof ARCHITECTURES)[number];
