import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../shared/format/format';
import { en } from '../../shared/i18n/messages-en';
import { translate } from '../../shared/i18n/translate';
import { launchBrowser, openPage, pageErrors, startHost, stopHost, valueOf, type Host } from './browser-host';

/**
 * Issue #12, items 1 and 3 through the UI (browser host, Chromium): a period the data cannot rank
 * is not ranked and is never the comparison for another (the demo's 2024 holds only deals created
 * then); and the app opens on the latest complete period, not the partial year the data ends in.
 */

const hosts: Host[] = [];
let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(path.join(tmpdir(), 'qc-periods-'));
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map(stopHost));
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function waitForRanking(page: Page): Promise<void> {
  await page.getByTestId('ranking-table').waitFor();
  await page.locator('[data-testid=rankings-screen][aria-busy=false]').waitFor();
}

describe('periods', () => {
  it('does not rank the demo’s 2024, and shows no movement against it in 2025', async () => {
    const host = await startHost();
    hosts.push(host);
    const page = await openPage(browser, host.url);
    await page.getByTestId('start-screen').waitFor();
    await page.getByTestId('open-demo').click();
    await page.getByTestId('dashboard-screen').waitFor();

    // The demo opens on 2025 (complete): no comparison with 2024, and the screen says why.
    expect(await page.getByTestId('period-select').inputValue()).toBe('2025');
    const comparison = page.getByTestId('comparison');
    await comparison.waitFor();
    expect(await comparison.getAttribute('data-available')).toBe('false');
    expect(await comparison.textContent()).toBe(translate('en', 'dash.noComparison', { period: '2024' }));
    await page.getByTestId('stability-no-movement').waitFor();
    expect(await page.getByTestId('stability-no-movement').textContent()).toBe(
      translate('en', 'stability.noMovement.previous_not_ranked', { period: '2024' }),
    );
    expect(await page.getByTestId('stability-up').getAttribute('data-value')).toBe('0');
    expect(await page.getByTestId('stability-down').getAttribute('data-value')).toBe('0');

    await page.getByTestId('nav-rankings').click();
    await waitForRanking(page);
    expect(await page.locator('[data-code=no_comparison_previous_not_ranked]').count()).toBe(1);
    // No ▲/▼ and no "new": there is nothing to compare with.
    const moves = await page
      .locator('[data-testid=ranking-row] [data-testid=movement]')
      .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-movement')));
    expect(moves.length).toBeGreaterThan(30);
    expect(moves.every((m) => m === '')).toBe(true);

    // 2024 (not in the period list, which covers the closed deals and activities: a custom range):
    // nobody ranked, and the notice says why.
    await page.getByTestId('period-select').selectOption('__custom__');
    await page.getByTestId('period-from').fill('2024-01-01');
    await page.getByTestId('period-to').fill('2024-12-31');
    await page.getByTestId('period-apply').click();
    await page.locator('[data-code=period_not_ranked]').waitFor();
    await page.locator('[data-testid=rankings-screen][aria-busy=false]').waitFor();
    expect(await page.locator('[data-code=period_not_ranked]').textContent()).toContain(
      en['notice.period_not_ranked'],
    );
    expect(await valueOf(page, 'ranked-count')).toBe(0);
    expect(await page.getByTestId('ranking-row').count()).toBe(0);
    expect(await page.getByTestId('comparison').textContent()).toBe(en['dash.notRanked']);
    expect(pageErrors(page)).toEqual([]);
  });

  it('opens on the latest complete quarter when the data ends on 27 May 2025', async () => {
    // Six reps, two deals each a month from January 2024 to 27 May 2025.
    const rows = ['Opportunity ID,Opportunity Owner,Stage,Amount,Currency,Created Date,Close Date'];
    const reps = ['Ana Ruiz', 'Ben Okafor', 'Chen Wei', 'Dana Levi', 'Eli Novak', 'Fay Moreau'];
    let id = 0;
    for (let m = 0; m < 17; m++) {
      const y = 2024 + Math.floor(m / 12);
      const mo = String((m % 12) + 1).padStart(2, '0');
      reps.forEach((rep, r) => {
        const last = y === 2025 && mo === '05' ? '27' : '20';
        rows.push(`D-${++id},${rep},Closed Won,${1000 + r * 100 + m},USD,${y}-${mo}-02,${y}-${mo}-${last}`);
        rows.push(
          `D-${++id},${rep},${(r + m) % 3 === 0 ? 'Closed Won' : 'Closed Lost'},500,USD,${y}-${mo}-03,${y}-${mo}-12`,
        );
      });
    }
    const file = path.join(dir, 'deals-to-may.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);

    const host = await startHost();
    hosts.push(host);
    const page = await openPage(browser, host.url);
    await page.getByTestId('start-import').click();
    await page.getByTestId('file-input').setInputFiles([file]);
    await page.locator('[data-testid=staged-file][data-status=ready]').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 60_000 });

    await page.getByTestId('nav-rankings').click();
    await waitForRanking(page);
    // The default: Q1 2025, the latest complete period, not the partial year 2025.
    expect(await page.getByTestId('period-select').inputValue()).toBe('2025-Q1');
    expect(await page.getByTestId('partial-period').count()).toBe(0);
    // The list: every year, then the quarters and months of the chosen year only.
    const options = await page
      .getByTestId('period-select')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual([
      '2025',
      '2024',
      '2025-Q2',
      '2025-Q1',
      '2025-05',
      '2025-04',
      '2025-03',
      '2025-02',
      '2025-01',
      '__custom__',
    ]);
    expect(await valueOf(page, 'ranked-count')).toBe(6);
    // The subtitle gives the data of the period, not of the whole workspace.
    expect(await page.getByTestId('period-data-range').textContent()).toBe(
      translate('en', 'rank.dataRange', {
        min: formatDate('en', '2025-01-01'),
        max: formatDate('en', '2025-03-31'),
      }),
    );
    // 2025 stays selectable: marked as partial.
    await page.getByTestId('period-select').selectOption('2025');
    await page.getByTestId('partial-period').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });
});
