import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { en } from '../../shared/i18n/messages-en';
import { zhCN } from '../../shared/i18n/messages-zh-cn';

/**
 * The browser host (web/server.ts serving dist/web) and headless Chromium for every end-to-end
 * test. Needs `npm run build:web` first.
 */

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const resultsDir = path.join(repoRoot, 'test-results');

export interface Host {
  url: string;
  process: ChildProcess;
  dataDir: string;
}

export async function startHost(): Promise<Host> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qc-e2e-'));
  // node --import tsx: one process, so killing it stops the host (no npx / shell in between).
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'web/server.ts', '--data-dir', dataDir, '--port', '0', '--print-url'],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`web host did not print its URL.\n${stderr}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /https?:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}.\n${stderr}`));
    });
  });
  return { url, process: child, dataDir };
}

export async function stopHost(host: Host): Promise<void> {
  const child = host.process;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(host.dataDir, { recursive: true, force: true });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(path.join(repoRoot, 'dist/web/index.html'))) {
    throw new Error('dist/web is missing: run `npm run build:web` (or `npm run test:e2e`) first.');
  }
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const pageErrorLists = new WeakMap<Page, string[]>();

/** A 1440x900 page on the host; page errors and CSP violations are collected (see pageErrors). */
/**
 * A fresh host (added to `hosts`, for the caller's afterEach to stop) with the app open on the
 * demo workspace's dashboard.
 */
export async function openDemo(browser: Browser, hosts: Host[]): Promise<{ host: Host; page: Page }> {
  const host = await startHost();
  hosts.push(host);
  const page = await openPage(browser, host.url);
  await page.getByTestId('start-screen').waitFor();
  await page.getByTestId('open-demo').click();
  await page.getByTestId('dashboard-screen').waitFor({ timeout: 120_000 });
  return { host, page };
}

export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The page runs under a strict CSP (no inline styles or scripts): any violation is a bug.
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('Content Security Policy')) errors.push(m.text());
  });
  pageErrorLists.set(page, errors);
  await page.goto(url);
  return page;
}

export function pageErrors(page: Page): string[] {
  return pageErrorLists.get(page) ?? [];
}

/** The `data-value` of the first element carrying one inside the test id. */
export async function valueOf(page: Page, testId: string): Promise<number> {
  const text = await page.locator(`[data-testid=${testId}] [data-value]`).first().getAttribute('data-value');
  return Number(text);
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  // Let the charts finish their entry animation so the picture shows the final marks.
  await page.waitForTimeout(900);
  await page.screenshot({ path: path.join(resultsDir, name), fullPage });
}

/** Text the user sees inside `root`: each visible element's own text, its whole text, and chosen options. */
export async function visibleTexts(page: Page, root: string): Promise<string[]> {
  return page.locator(root).evaluate((el) => {
    const out = new Set<string>();
    for (const node of [el, ...el.querySelectorAll('*')]) {
      if (!(node instanceof HTMLElement) || node.getClientRects().length === 0) continue;
      if (node instanceof HTMLSelectElement) {
        const chosen = node.selectedOptions[0]?.textContent?.trim();
        if (chosen) out.add(chosen);
        continue;
      }
      if (node instanceof HTMLOptionElement) continue;
      const own = [...node.childNodes]
        .filter((c) => c.nodeType === Node.TEXT_NODE)
        .map((c) => c.textContent ?? '')
        .join('')
        .trim();
      if (own) out.add(own);
      const whole = node.innerText.trim();
      if (whole && !whole.includes('\n')) out.add(whole);
    }
    return [...out];
  });
}

/** English catalog texts that differ in Chinese, as patterns (placeholders match anything). */
export function englishPatterns(): { key: string; pattern: RegExp }[] {
  const out: { key: string; pattern: RegExp }[] = [];
  for (const [key, text] of Object.entries(en)) {
    if (zhCN[key as keyof typeof zhCN] === text) continue;
    // Placeholders, plural forms ({count|KPI|KPIs}) included, match anything.
    const placeholder = /\{\w+(?:\|[^|{}]*\|[^|{}]*)?\}/g;
    const words = text.replace(placeholder, '');
    // Templates that are mostly placeholders ("{a} · {b}") would match any text.
    if ((words.match(/[A-Za-z]/g) ?? []).length < 3) continue;
    const source = text
      .split(placeholder)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+?');
    out.push({ key, pattern: new RegExp(`^${source}$`) });
  }
  return out;
}
