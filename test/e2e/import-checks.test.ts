import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openPage as openBrowserPage,
  pageErrors,
  repoRoot,
  startHost as startBrowserHost,
  stopHost,
  type Host,
} from './browser-host';

/**
 * Issue #12 through the UI: the stage table of a 3,000-row workbook lists every value of each
 * column with its count over the whole file (item 4), doubtful mappings are asked about before
 * Import is enabled (item 6), and a file added while the demo is open goes to the user's
 * workspace, never into the demo (item 8). Needs `npm run build:web` first.
 */

const data = path.resolve(repoRoot, '../shared/data');
const hosts: Host[] = [];
let browser: Browser;

async function startHost(): Promise<Host> {
  const host = await startBrowserHost();
  hosts.push(host);
  return host;
}

function openPage(url: string): Promise<Page> {
  return openBrowserPage(browser, url);
}

/** [value, count] of each row of the stage table of one column. */
async function stageRows(page: Page, field: 'stage' | 'status'): Promise<[string, string][]> {
  const rows = page.locator(`[data-testid=stage-table][data-field=${field}] [data-testid=stage-row]`);
  const out: [string, string][] = [];
  for (const row of await rows.all()) {
    out.push([
      (await row.getAttribute('data-value')) ?? '',
      (await row.locator('td.num').textContent()) ?? '',
    ]);
  }
  return out;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map(stopHost));
});

afterAll(async () => {
  await browser?.close();
});

describe('checked before the import', () => {
  it('lists every stage and status value of the whole workbook, per column, with true counts', async () => {
    const host = await startHost();
    const page = await openPage(host.url);
    await page.getByTestId('start-import').click();
    await page
      .getByTestId('file-input')
      .setInputFiles([path.join(data, 'crm-and-sales-pipelines/CRM-and-Sales-Pipelines.xlsx')]);
    const card = page.locator('[data-testid=staged-file][data-file-name="CRM-and-Sales-Pipelines.xlsx"]');
    await card.and(page.locator('[data-status=ready]')).waitFor({ timeout: 60_000 });
    expect(await card.getByTestId('stage-table').count()).toBe(2);
    expect(await card.locator('[data-testid=stage-table][data-field=stage] caption').textContent()).toContain(
      'Stage',
    );
    expect(
      await card.locator('[data-testid=stage-table][data-field=status] caption').textContent(),
    ).toContain('Status');
    // Counted by hand from the CSV export of the same workbook: 3,000 rows.
    expect(await stageRows(page, 'stage')).toEqual([
      ['Initial contact', '298'],
      ['Nurturing', '220'],
      ['Proposal sent', '140'],
      ['Won', '83'],
      ['Opened', '65'],
      ['Lost', '61'],
    ]);
    expect(await stageRows(page, 'status')).toEqual([
      ['Opportunity', '867'],
      ['Qualified', '567'],
      ['Sales Accepted', '528'],
      ['New', '513'],
      ['Churned Customer', '177'],
      ['Disqualified', '177'],
      ['Customer', '171'],
    ]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('asks about doubtful columns before enabling Import', async () => {
    const host = await startHost();
    const page = await openPage(host.url);
    await page.getByTestId('start-import').click();
    await page
      .getByTestId('file-input')
      .setInputFiles([path.join(data, 'salesforce-dtc-sample/DTC_Task.csv')]);
    const card = page.locator('[data-testid=staged-file][data-file-name="DTC_Task.csv"]');
    await card.and(page.locator('[data-status=ready]')).waitFor({ timeout: 60_000 });
    const doubts = card.getByTestId('doubt');
    expect(await doubts.count()).toBe(2);
    expect(await card.locator('[data-testid=doubt][data-field=account]').getAttribute('data-reason')).toBe(
      'one_value_per_row',
    );
    expect(await card.getByTestId('import-button').isDisabled()).toBe(true);
    await card.getByTestId('doubts-required').waitFor();
    // The account column is changed (to none); the task status is kept as the result.
    await card.locator('[data-testid=mapping-row][data-field=account] select').selectOption('');
    await card.locator('[data-testid=doubt][data-field=account]').waitFor({ state: 'detached' });
    expect(await card.getByTestId('import-button').isDisabled()).toBe(true);
    await card.locator('[data-testid=doubt][data-field=outcome] [data-testid=doubt-keep]').check();
    await card.locator('[data-testid=import-button]:not([disabled])').waitFor();
    await card.getByTestId('import-button').click();
    await card.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

describe('never into the demo', () => {
  it('a file added with the demo open is imported into the user’s workspace', async () => {
    const host = await startHost();
    const page = await openPage(host.url);
    await page.getByTestId('open-demo').click();
    await page.getByTestId('dashboard-screen').waitFor();
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history-row').first().waitFor();
    const demoBatches = await page.getByTestId('history-row').count();

    await page.getByTestId('nav-import').click();
    await page
      .getByTestId('file-input')
      .setInputFiles([path.join(data, 'maven-crm-sales-opportunities/sales_teams.csv')]);
    await page.getByTestId('switched-from-demo').waitFor();
    expect(await page.getByTestId('workspace-name').textContent()).toBe('My workspace');
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    const card = page.locator('[data-testid=staged-file][data-file-name="sales_teams.csv"]');
    await card.and(page.locator('[data-status=ready]')).waitFor({ timeout: 60_000 });
    await card.getByTestId('import-button').click();
    await card.getByTestId('import-summary').waitFor({ timeout: 60_000 });

    // In the user's history, not in the demo's.
    await page.getByTestId('nav-history').click();
    await page.locator('[data-testid=history-row]', { hasText: 'sales_teams.csv' }).waitFor();
    await page.getByTestId('workspace-demo').click();
    await page.getByTestId('demo-banner').waitFor();
    await page.getByTestId('nav-history').click();
    // The list reloads for the demo: the user's single batch gives way to the demo's.
    await expect.poll(() => page.getByTestId('history-row').count(), { timeout: 30_000 }).toBe(demoBatches);
    expect(await page.locator('[data-testid=history-row]', { hasText: 'sales_teams.csv' }).count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
