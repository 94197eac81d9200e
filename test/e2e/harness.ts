import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_ENV } from '../../electron/report/pdf.js';
import { BIN, EXAMPLES, ROOT, runCli } from '../electron/cli/cli-harness.js';

/** Debian's Chromium (`apt-get install chromium`); never a downloaded one. */
export const CHROMIUM = process.env[CHROMIUM_ENV] ?? '/usr/bin/chromium';

/** Screenshots of each view, kept as test artifacts to look at. */
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export interface ServeOptions {
  /** A targets file for `serve --targets`. */
  targets?: string;
  /** Reuse a data directory (history, saved targets); a fresh one otherwise. */
  dataDir?: string;
}

export interface Served {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real built CLI's browser mode and resolves with the URL it prints first. */
export async function serve(options: ServeOptions = {}): Promise<Served> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'pe-e2e-'));
  const args = [BIN, 'serve', '--port', '0', '--data-dir', dataDir];
  if (options.targets) args.push('--targets', options.targets);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  const url = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(first);
  if (!url) throw new Error(`serve printed no URL: ${first}`);
  return {
    url: url[0],
    port: Number(url[1]),
    token: url[2]!,
    dataDir,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface OpenedPage {
  browser: Browser;
  page: Page;
  /** Console errors and uncaught page errors seen so far; a test ends by expecting none. */
  errors: string[];
  close(): Promise<void>;
}

/** Launches the system Chromium and opens `url`, collecting console errors. */
export async function openApp(
  url: string,
  colorScheme: 'light' | 'dark' = 'light',
  /** Lets a test inject a checker (axe) into the page despite the app's CSP; the app itself never needs it. */
  bypassCSP = false,
): Promise<OpenedPage> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    colorScheme,
    acceptDownloads: true,
    bypassCSP,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { browser, page, errors, close: () => browser.close() };
}

/** Saves a full-page screenshot under test-results/screenshots/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Waits until the locator is visible (playwright-core has no `expect`): fails the test after `timeout`. */
export async function visible(locator: Locator, timeout = 10_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

/** Waits until the locator's text matches, then returns that text. */
export async function textMatching(locator: Locator, pattern: RegExp, timeout = 10_000): Promise<string> {
  await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
  return (await locator.first().textContent()) ?? '';
}

/** Opens a view from the navigation, as a user clicks it, and waits for its heading. */
export async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name }).click();
  await visible(page.getByRole('heading', { level: 2, name }));
}

/** Calls the served API as a script would (to check what the page did), failing on a non-2xx answer. */
export async function callApi<T>(served: Served, method: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${served.port}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${served.token}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Places a task needing `cpu` cores with the real CLI on the example targets, into `dataDir`'s history. */
export async function placeWithCli(
  dataDir: string,
  name: string,
  cpu: number,
  extra: string[] = [],
): Promise<number | null> {
  const file = path.join(dataDir, `${name}.yaml`);
  writeFileSync(file, `task: {name: ${name}, requirements: {cpu: ${cpu}}}\n`);
  const run = await runCli([
    'place',
    '--task',
    file,
    '--targets',
    path.join(EXAMPLES, 'targets.yaml'),
    '--data-dir',
    dataDir,
    ...extra,
  ]);
  expect(run.stderr).not.toMatch(/Error:|\n\s+at /);
  return run.code;
}
