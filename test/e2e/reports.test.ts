import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/messages-en';
import { zhCN } from '../../shared/i18n/messages-zh-cn';
import { launchBrowser, openDemo, pageErrors, screenshot, stopHost, type Host } from './browser-host';

/**
 * Printing from the UI (issue #11), through the browser host on the demo workspace: a rep's
 * coaching view opens Print / PDF, the preview frame shows the dossier that will print (the
 * rep's name in it), printing runs to the end with its progress, and the PDF downloaded through
 * the host is A4 with the rep's name in its text (pdfinfo, pdftotext). The director's report
 * panel opens from Rankings with its anonymise option, and "Print all dossiers" counts up and
 * stops on Cancel. Screenshots of the print panel in English
 * and Chinese: test-results/print-panel-en.png, print-panel-zh.png.
 */

const hosts: Host[] = [];
const dirs: string[] = [];
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map(stopHost));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await browser?.close();
});

async function openRankings(page: Page): Promise<void> {
  await page.getByTestId('nav-rankings').click();
  await page.locator('[data-testid=rankings-screen][aria-busy=false] [data-testid=ranking-table]').waitFor();
}

async function openRep(page: Page): Promise<string> {
  await openRankings(page);
  const row = page.locator('[data-testid=ranking-row][data-band=middle]').first();
  const name = (await row.getAttribute('data-rep')) ?? '';
  await row.getByTestId('open-coaching').click();
  await page.locator(`[data-testid=coaching-rep][data-rep="${name}"]`).waitFor();
  await page.locator('[data-testid=coaching-screen][aria-busy=false]').waitFor();
  return name;
}

/** The preview frame's text, once its document has loaded. */
async function previewText(page: Page): Promise<string> {
  const frame = page.frameLocator('[data-testid=print-preview]');
  await frame.locator('body').waitFor();
  return (await frame.locator('body').textContent()) ?? '';
}

describe('printed reports', () => {
  it('prints a rep’s dossier from the coaching view and downloads the PDF', async () => {
    const { host, page } = await openDemo(browser, hosts);
    await page.getByTestId('period-select').selectOption('2025');
    const rep = await openRep(page);

    // The panel: the UI's language by default, the preview is the dossier that prints.
    await page.getByTestId('print-dossier').click();
    const panel = page.getByTestId('print-panel');
    await panel.waitFor();
    expect(await panel.getByRole('heading').textContent()).toBe(
      en['report.print.title.dossier'].replace('{rep}', rep),
    );
    expect(await page.getByTestId('print-language').inputValue()).toBe('en');
    expect(await previewText(page)).toContain(rep);
    // The preview's own policy lets its inline styles apply: the frame's page is laid out as A4.
    const previewFont = await page
      .frameLocator('[data-testid=print-preview]')
      .locator('body')
      .evaluate((b) => getComputedStyle(b).fontFamily);
    expect(previewFont).toMatch(/Noto Sans SC/i);
    await screenshot(page, 'print-panel-en.png', false);

    // Print: progress to the end, then the PDF is offered.
    await page.getByTestId('print-start').click();
    await page.getByTestId('print-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('print-file').count()).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByTestId('print-save').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${rep}.pdf`);
    const dir = mkdtempSync(path.join(tmpdir(), 'qc-print-'));
    dirs.push(dir);
    const pdf = path.join(dir, 'dossier.pdf');
    await file.saveAs(pdf);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    // A4: 595 x 842 points (poppler names the size).
    expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, ' ')).toContain(rep);
    await page.getByTestId('print-close').click();
    await page.getByTestId('print-panel').waitFor({ state: 'detached' });

    // A file name the job did not print is refused by the host, whatever the token.
    const token = new URL(host.url).searchParams.get('token') ?? '';
    const origin = new URL(host.url).origin;
    const fileUrl = (jobId: string, fileName: string) =>
      `${origin}/api/reports.file?${new URLSearchParams({ token, jobId, fileName }).toString()}`;
    expect((await fetch(fileUrl('nope', `${rep}.pdf`))).status).toBe(404);
    expect((await fetch(fileUrl('nope', '../../workspace.sqlite'))).status).toBe(400);
    const noToken = await fetch(`${origin}/api/reports.file?jobId=a&fileName=b.pdf`);
    expect(noToken.status).toBe(401);

    // In Chinese: the panel's words and the preview's language follow the UI.
    await page.getByTestId('language-zh-CN').click();
    await page.getByTestId('print-dossier').click();
    await page.getByTestId('print-panel').waitFor();
    expect(await page.getByTestId('print-language').inputValue()).toBe('zh-CN');
    expect(await page.getByTestId('print-start').textContent()).toBe(zhCN['report.print.start']);
    expect(await previewText(page)).toContain(zhCN['report.dossier.title']);
    await screenshot(page, 'print-panel-zh.png', false);
    await page.getByTestId('print-close').click();

    // The director's report from Rankings: anonymised, the preview names no rep.
    await page.getByTestId('language-en').click();
    await openRankings(page);
    await page.getByTestId('print-director').click();
    await page.getByTestId('print-panel').waitFor();
    await page.getByTestId('print-anonymise').check();
    await page.waitForFunction(() =>
      document
        .querySelector<HTMLIFrameElement>('[data-testid=print-preview]')
        ?.src.includes('anonymise%22%3Atrue'),
    );
    const anonymised = await previewText(page);
    expect(anonymised).toContain('Rep 1');
    expect(anonymised).not.toContain(rep);
    await page.getByTestId('print-close').click();

    // Print all dossiers of the company: progress counts up, and Cancel stops the job.
    await page.getByTestId('print-all').click();
    await page.getByTestId('print-panel').waitFor();
    expect(await page.getByTestId('print-preview').count()).toBe(0);
    await page.getByTestId('print-start').click();
    await page.locator('[data-testid=print-progress] [role=progressbar]:not([aria-valuenow="0"])').waitFor({
      timeout: 60_000,
    });
    await page.getByTestId('print-cancel').click();
    await page.getByTestId('print-cancelled').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('print-cancelled').textContent()).toBe(en['report.print.cancelled']);
    await page.getByTestId('print-close').click();

    expect(pageErrors(page)).toEqual([]);
  }, 180_000);

  it('keeps a logo set in Settings and prints it in the report header; refuses a file that is not an image', async () => {
    const { page } = await openDemo(browser, hosts);
    await page.getByTestId('nav-settings').click();
    const setting = page.getByTestId('logo-setting');
    await setting.waitFor();
    expect(await setting.getByTestId('logo-none').count()).toBe(1);

    // Not an image, whatever its name says: refused with the reason, nothing kept.
    await setting.getByTestId('logo-file').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    await setting.getByText(en['error.logo_not_image']).waitFor();
    expect(await setting.getByTestId('logo-image').count()).toBe(0);

    await setting
      .getByTestId('logo-file')
      .setInputFiles(path.resolve(import.meta.dirname, '../fixtures/reports/logo.png'));
    await setting.getByTestId('logo-image').waitFor();
    await setting.screenshot({
      path: path.resolve(import.meta.dirname, '../../test-results/settings-logo-en.png'),
    });

    // The director's report carries it in every page's header (a margin-box background).
    await openRankings(page);
    await page.getByTestId('print-director').click();
    await page.getByTestId('print-panel').waitFor();
    const frame = page.frameLocator('[data-testid=print-preview]');
    await frame.locator('body').waitFor();
    const styles = await frame.locator('style').evaluateAll((els) => els.map((e) => e.textContent).join(''));
    expect(styles).toMatch(/@top-left \{[^}]*background-image: url\("data:image\/png;base64,/);
    await page.getByTestId('print-close').click();

    // Removed: the header has no logo again.
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('logo-remove').click();
    await page.getByTestId('logo-none').waitFor();
    expect(pageErrors(page)).toEqual([]);
  }, 180_000);

  it('prints one team’s dossiers and saves all of them in one step', async () => {
    const { page } = await openDemo(browser, hosts);
    await page.getByTestId('period-select').selectOption('2025');
    await openRankings(page);
    await page.getByTestId('print-all').click();
    await page.getByTestId('print-panel').waitFor();
    const team = await page.locator('[data-testid=print-team] option').nth(1).getAttribute('value');
    await page.getByTestId('print-team').selectOption(team);
    await page.getByTestId('print-start').click();
    await page.getByTestId('print-done').waitFor({ timeout: 120_000 });
    const names = await page.locator('[data-testid=print-file] .print-files__name').allTextContents();
    // The team's dossiers and all of them in one file.
    expect(names.length).toBeGreaterThan(2);
    expect(names).toContain('all-dossiers.pdf');
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.getByTestId('print-save-all').click();
    await page.getByTestId('print-saved-all').waitFor();
    await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(names.length);
    expect([...downloads].sort()).toEqual([...names].sort());
    expect(pageErrors(page)).toEqual([]);
  }, 240_000);
});
