import { access, constants } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { PDF_MAX_PLACEMENTS } from '../../shared/report/index.js';

/** Prints a report's HTML as a PDF: Chromium through playwright here, `printToPDF` in Electron. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** No PDF could be made, for a reason the user can fix; the message is one line that says how. */
export class PdfUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfUnavailableError';
  }
}

/** The report is too long to print; the message says how to narrow it. */
export class PdfTooLongError extends PdfUnavailableError {
  constructor(placements: number) {
    super(
      `a PDF covers at most ${PDF_MAX_PLACEMENTS.toLocaleString('en')} placements and this report has ${placements.toLocaleString('en')}: narrow it (the newest N, a start date, filters) or export HTML, CSV or JSON`,
    );
    this.name = 'PdfTooLongError';
  }
}

export const CHROMIUM_ENV = 'PLACEMENT_EXPLORER_CHROMIUM';

/** Where Debian, Ubuntu and Google install it; never a browser playwright downloads. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

// Nothing but the page: no update checks, no sync, no first-run UI. Headless needs no GPU; the
// sandbox is off because containers (CI, servers) often cannot provide one.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium to use: $PLACEMENT_EXPLORER_CHROMIUM when set, else the first system one found. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const configured = env[CHROMIUM_ENV];
  const paths = configured ? [configured] : CANDIDATES;
  for (const path of paths) {
    try {
      await access(path, constants.X_OK);
      return path;
    } catch {
      // not there, or not executable: try the next
    }
  }
  throw new PdfUnavailableError(
    `PDF needs Chromium: none found at ${paths.join(', ')}; install chromium or set ${CHROMIUM_ENV}`,
  );
}

type Chromium = typeof import('playwright-core').chromium;

/**
 * playwright-core, loaded only when a PDF is asked for, by a name esbuild does not bundle. The CLI's
 * bundle runs in a vm.Script, where `import()` is unavailable, so `require` is used where there is one
 * (the CJS bundle, the Electron bundle's banner); `import()` elsewhere (tests, ESM).
 */
async function loadChromium(): Promise<Chromium> {
  const name = 'playwright-core';
  let mod: { chromium?: Chromium; default?: { chromium?: Chromium } };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = (typeof require === 'function' ? require(name) : await import(name)) as typeof mod;
  } catch {
    throw new PdfUnavailableError('PDF needs the playwright-core package, which is not installed');
  }
  const chromium = mod.chromium ?? mod.default?.chromium;
  if (chromium === undefined) throw new PdfUnavailableError('PDF needs playwright-core, which did not load');
  return chromium;
}

/** A printer that launches the system Chromium headless for each document, and always closes it. */
export function createChromiumPrinter(env: NodeJS.ProcessEnv = process.env): PdfPrinter {
  return async (html) => {
    const executablePath = await findChromium(env);
    const chromium = await loadChromium();
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
      const page = await browser.newPage();
      // A long report takes a few seconds to lay out; the placement cap bounds it, not a timer.
      await page.setContent(html, { waitUntil: 'load', timeout: 0 });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (err) {
      if (browser === undefined)
        throw new PdfUnavailableError(
          `PDF needs Chromium: ${executablePath} did not start (${firstLine((err as Error).message)})`,
        );
      throw err;
    } finally {
      await browser?.close();
    }
  };
}

const firstLine = (text: string) => text.split('\n')[0]!.trim();
