import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSkyCatalogs } from '../../../electron/fleet/catalog-files.js';
import { tempDir } from '../../temp-dir.js';

/** Writes `files` (paths relative to `home`), making their folders. */
function lay(home: string, files: string[]): void {
  for (const f of files) {
    mkdirSync(join(home, f, '..'), { recursive: true });
    writeFileSync(join(home, f), 'InstanceType,vCPUs,MemoryGiB,Price,Region\n');
  }
}

describe('findSkyCatalogs', () => {
  it('lists ~/.sky/catalogs/<version>/<cloud>/vms.csv, newest version first, clouds by name', async () => {
    const home = tempDir('sky-home-');
    lay(home, [
      '.sky/catalogs/v5/aws/vms.csv',
      '.sky/catalogs/v7/gcp/vms.csv',
      '.sky/catalogs/v7/aws/vms.csv',
      '.sky/catalogs/v7/aws/images.csv',
      '.sky/catalogs/v7/kubernetes/images.csv', // no vms.csv: not a catalog of machines
      '.sky/catalogs/v10/azure/vms.csv', // 10 is newer than 7, whatever the letters say
      '.sky/catalogs/v7/.tmp-lambda/partial.csv',
      '.sky/catalogs/README',
    ]);
    mkdirSync(join(home, '.sky/catalogs/v7/lambda/vms.csv'), { recursive: true }); // a folder, not a file
    const root = join(home, '.sky', 'catalogs');
    expect(await findSkyCatalogs(home)).toEqual([
      { cloud: 'azure', path: join(root, 'v10', 'azure', 'vms.csv'), version: 'v10' },
      { cloud: 'aws', path: join(root, 'v7', 'aws', 'vms.csv'), version: 'v7' },
      { cloud: 'gcp', path: join(root, 'v7', 'gcp', 'vms.csv'), version: 'v7' },
      { cloud: 'aws', path: join(root, 'v5', 'aws', 'vms.csv'), version: 'v5' },
    ]);
  });

  it('finds none when SkyPilot has never run', async () => {
    expect(await findSkyCatalogs(tempDir('sky-none-'))).toEqual([]);
  });
});
