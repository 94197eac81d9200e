import { execFile } from 'node:child_process';
import os from 'node:os';
import { localOnly, placementOptions, type Target } from '../../shared/schema/targets.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, createHandlers } from '../api/handlers.js';
import { createMetrics } from '../api/metrics.js';
import { resolveDataDir } from '../config/data-dir.js';
import { InputError, loadTargetsFile } from '../config/load.js';
import { createLogger } from '../logging/logger.js';
import { startBrowserServer, type BrowserServer } from '../server/http-server.js';
import { stdout } from './output.js';

export interface ServeFlags {
  port?: string;
  open?: boolean;
  dataDir?: string;
  targets?: string;
}

/** The built renderer: beside the bundled CLI (dist/cli.cjs), or under dist/ when run from the sources. */
function rendererDir(): string {
  return typeof __dirname === 'string' && existsSync(join(__dirname, 'renderer'))
    ? join(__dirname, 'renderer')
    : join(process.cwd(), 'dist', 'renderer');
}

/** `serve`: browser mode on 127.0.0.1; the first line of stdout is the URL with its token. */
export async function runServe(flags: ServeFlags): Promise<BrowserServer> {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InputError([`--port: expected a port number 0–65535, got "${flags.port}"`]);
  const dataDir = resolveDataDir(flags.dataDir);
  // Without --targets: the targets saved from the app (validated like any targets file), if any.
  const saved = join(dataDir, CONFIG_FILE);
  const configFile = flags.targets ?? (existsSync(saved) ? saved : undefined);
  const file = configFile === undefined ? null : await loadTargetsFile(configFile);
  const targets: Target[] = file?.targets ?? localOnly();
  const metrics = createMetrics();
  let server: BrowserServer | null = null;
  const handlers = await createHandlers({
    dataDir,
    targets,
    options: file?.placement ?? placementOptions.parse({}),
    metrics,
    emit: (event, payload) => server?.broadcast(event, payload),
    log: createLogger(dataDir),
  });
  const started = await startBrowserServer(handlers, metrics, port, rendererDir());
  // Closing also kills the probes still running, so that stopping never waits out a hung host.
  server = {
    ...started,
    close: async () => {
      handlers.close();
      await started.close();
    },
  };
  stdout().write(`Placement Explorer: ${server.url}\n`);
  if (flags.open) {
    const opener = os.platform() === 'darwin' ? 'open' : os.platform() === 'win32' ? 'explorer' : 'xdg-open';
    execFile(opener, [server.url], () => undefined);
  }
  return server;
}
