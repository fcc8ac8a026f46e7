import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/messages-en';
import { translate } from '../../shared/i18n/translate';
import {
  englishPatterns,
  launchBrowser,
  openPage,
  pageErrors,
  screenshot,
  startHost,
  stopHost,
  valueOf,
  visibleTexts,
  type Host,
} from './browser-host';

/**
 * The dashboard and the analysis settings, driven through the browser host on the demo
 * workspace: the results x activity matrix adds up, a weight edited in Settings re-ranks at once
 * and is saved with the workspace, a team peer group ranks inside each team, and the dashboard
 * reads in both languages (screenshots: test-results/dashboard-en.png, dashboard-zh.png).
 */

const hosts: Host[] = [];
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map(stopHost));
});

afterAll(async () => {
  await browser?.close();
});

const BANDS = ['top', 'middle', 'bottom'] as const;

async function waitForDashboard(page: Page): Promise<void> {
  await page.getByTestId('matrix').waitFor();
  await page.locator('[data-testid=dashboard-screen][aria-busy=false]').waitFor();
  await page
    .locator('[data-testid=trend][aria-busy=false] [data-testid=trend-chart] canvas')
    .first()
    .waitFor();
}

async function waitForRanking(page: Page): Promise<void> {
  await page.getByTestId('ranking-table').waitFor();
  await page.locator('[data-testid=rankings-screen][aria-busy=false]').waitFor();
}

async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid=settings-save-state][data-state=saved]').waitFor();
}

/** The newest quarter the period picker offers: several quarters of trend and band history. */
async function newestQuarter(page: Page): Promise<string> {
  const ids = await page
    .getByTestId('period-select')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const quarters = ids.filter((id) => /^\d{4}-Q[1-4]$/.test(id)).sort();
  const newest = quarters[quarters.length - 1];
  if (!newest) throw new Error(`no quarter among the periods: ${ids.join(', ')}`);
  return newest;
}

/** Rep and score of every row of the settings preview, best first. */
async function previewRows(page: Page): Promise<string[]> {
  return page
    .getByTestId('preview-row')
    .evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-rep')}=${r.lastElementChild?.textContent}`),
    );
}

async function rankingOrder(page: Page): Promise<string[]> {
  return page
    .getByTestId('ranking-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rep') ?? ''));
}

describe('dashboard and settings', () => {
  it('shows the demo dashboard, re-ranks on a weight change, ranks per team and keeps the settings', async () => {
    const host = await startHost();
    hosts.push(host);
    const page = await openPage(browser, host.url);

    await page.getByTestId('start-screen').waitFor();
    await page.getByTestId('open-demo').click();
    await page.getByTestId('dashboard-screen').waitFor();
    const quarter = await newestQuarter(page);
    await page.getByTestId('period-select').selectOption(quarter);
    await page.locator('#dashboard-title', { hasText: `Q${quarter.slice(-1)}` }).waitFor();
    await waitForDashboard(page);

    // The matrix: nine cells, each with its reading; the counts add up to the ranked reps.
    const ranked = await valueOf(page, 'ranked-count');
    expect(ranked).toBeGreaterThanOrEqual(8);
    const cells = page.getByTestId('matrix-cell');
    expect(await cells.count()).toBe(9);
    let sum = 0;
    for (const results of BANDS) {
      for (const activity of BANDS) {
        const cell = page.locator(
          `[data-testid=matrix-cell][data-results=${results}][data-activity=${activity}]`,
        );
        const count = Number(await cell.getAttribute('data-count'));
        sum += count;
        expect(await cell.locator('.matrix__count').textContent()).toBe(String(count));
        expect(await cell.textContent()).toContain(en[`matrix.reading.${results}.${activity}`]);
      }
    }
    expect(sum).toBe(ranked);
    expect(await valueOf(page, 'matrix')).toBe(ranked);
    expect(await page.getByTestId('matrix-outside').count()).toBe(0);
    // A click lists the cell's reps (the same names its hover shows).
    const fullest = page.locator('[data-testid=matrix-cell][data-results=middle][data-activity=middle]');
    const names = ((await fullest.getAttribute('title')) ?? '').split('\n')[1] ?? '';
    expect(names.length).toBeGreaterThan(0);
    await fullest.click();
    expect(await page.getByTestId('matrix-detail').textContent()).toContain(names);
    // Every dashboard part is there, and numbers carry their definitions.
    expect(await page.locator('[data-testid=matrix] .info-tip').getAttribute('aria-label')).toBe(
      en['matrix.definition'],
    );
    await page.locator('[data-testid=band-chart] canvas').first().waitFor();
    await page.locator('[data-testid=coverage-chart] canvas').first().waitFor();
    expect(await page.getByTestId('coverage-d-share').textContent()).toMatch(/^\d+%of the team’s activity/);
    expect(await page.getByTestId('tier-row').count()).toBe(4);
    expect(await page.getByTestId('funnel-row').count()).toBe(4);
    await page.locator('[data-testid=funnel-chart] canvas').first().waitFor();
    expect(await page.getByTestId('forecast-weighted').getAttribute('title')).toBe(
      en['forecast.weightedTitle'],
    );
    const stabilityRows = await page.getByTestId('stability-row').count();
    expect(stabilityRows).toBeGreaterThan(0);
    const moved = async (testId: string): Promise<number> =>
      Number(await page.getByTestId(testId).getAttribute('data-value'));
    const movers = (await moved('stability-up')) + (await moved('stability-down'));
    await page.getByTestId('stability-movers').check();
    expect(await page.getByTestId('stability-row').count()).toBe(movers);
    await page.getByTestId('stability-movers').uncheck();
    await screenshot(page, 'dashboard-en.png');

    // Settings: a weight edit re-ranks the preview at once, before it is saved.
    await page.getByTestId('nav-rankings').click();
    await waitForRanking(page);
    const orderBefore = await rankingOrder(page);
    await page.getByTestId('nav-settings').click();
    await waitSaved(page);
    await page.getByTestId('preview-row').first().waitFor();
    const previewBefore = await previewRows(page);
    const weight = page.getByTestId('weight-calls_per_day');
    expect(await weight.inputValue()).toBe('1');
    // Out of range: shown next to the field, nothing applied or saved.
    await weight.fill('-5');
    await page.getByTestId('weight-calls_per_day-error').waitFor();
    await page.locator('[data-testid=settings-save-state][data-state=invalid]').waitFor();
    const started = Date.now();
    await weight.fill('100');
    await expect.poll(() => previewRows(page), { interval: 20 }).not.toEqual(previewBefore);
    console.log(`weight change to new ranking on screen: ${Date.now() - started} ms`);
    expect(await page.getByTestId('weight-calls_per_day-error').count()).toBe(0);
    await waitSaved(page);

    await page.getByTestId('nav-rankings').click();
    await waitForRanking(page);
    expect(await rankingOrder(page)).not.toEqual(orderBefore);
    expect(await page.getByTestId('col-calls_per_day').getAttribute('title')).toContain(
      translate('en', 'kpi.weightLine', { weight: 100, group: en['how.groupActivity'] }),
    );
    // The explanation reflects the weights in use, not the defaults.
    await page.locator('[data-testid=how-ranking-works] summary').click();
    expect(
      await page.locator('[data-testid=how-weights] li[data-kpi=calls_per_day]').getAttribute('data-weight'),
    ).toBe('100');

    // Peer group = team: every rep is ranked inside their team, under a header per team.
    await page.getByTestId('peer-group-select').selectOption('team');
    await page.getByTestId('peer-group-header').first().waitFor();
    await waitForRanking(page);
    const rows = await page.getByTestId('ranking-row').evaluateAll((trs) =>
      trs.map((tr) => ({
        group: tr.getAttribute('data-peer-group'),
        team: tr.querySelector('.ranking__team')?.textContent ?? '',
        rank: tr.querySelector('td')?.textContent ?? '',
      })),
    );
    const teams = [...new Set(rows.map((r) => r.team))].sort();
    expect(teams.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.group === r.team)).toBe(true);
    const headers = await page
      .getByTestId('peer-group-header')
      .evaluateAll((ths) => ths.map((th) => th.getAttribute('data-peer-group') ?? ''));
    expect([...headers].sort()).toEqual(teams);
    // Ranks restart at 1 in every team.
    for (const team of teams) expect(rows.find((r) => r.team === team)?.rank).toBe('1');
    await page.getByTestId('nav-dashboard').click();
    await waitForDashboard(page);
    expect(await page.getByTestId('peer-group').count()).toBe(teams.length);

    // Saved with the workspace: a reload brings the weight and the peer group back.
    await page.getByTestId('nav-settings').click();
    await waitSaved(page);
    await page.reload();
    await page.getByTestId('dashboard-screen').waitFor();
    await page.getByTestId('peer-groups').waitFor();
    expect(await page.getByTestId('peer-group-select').inputValue()).toBe('team');
    await page.getByTestId('nav-settings').click();
    expect(await page.getByTestId('weight-calls_per_day').inputValue()).toBe('100');
    expect(await page.getByTestId('settings-peer-group').inputValue()).toBe('team');

    // Back to the defaults, saved too.
    await page.getByTestId('settings-reset').click();
    expect(await page.getByTestId('weight-calls_per_day').inputValue()).toBe('1');
    expect(await page.getByTestId('settings-peer-group').inputValue()).toBe('company');
    await waitSaved(page);

    // The dashboard in Chinese: every label translated, numbers in the Chinese locale.
    await page.getByTestId('language-switch').getByRole('button', { name: '中文' }).click();
    await page.locator('html[lang=zh-CN]').waitFor();
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('period-select').selectOption(quarter);
    await page.locator('#dashboard-title', { hasText: '季度' }).waitFor();
    await waitForDashboard(page);
    expect(await page.getByTestId('nav-dashboard').textContent()).toContain('总览');
    expect(await page.locator('#dashboard-title').textContent()).toContain(`${quarter.slice(0, 4)}年第`);
    expect(
      await page.locator('[data-testid=matrix-cell][data-results=bottom][data-activity=top]').textContent(),
    ).toContain(translate('zh-CN', 'matrix.reading.bottom.top'));
    expect(await page.locator('#matrix-title').textContent()).toContain(translate('zh-CN', 'matrix.title'));
    expect(await page.getByTestId('coverage-d-share').textContent()).toContain('D 类客户');
    const texts = await visibleTexts(page, '[data-testid=dashboard-screen]');
    expect(texts.length).toBeGreaterThan(80);
    const patterns = englishPatterns();
    expect(texts.filter((text) => patterns.some(({ pattern }) => pattern.test(text)))).toEqual([]);
    let zhSum = 0;
    for (const count of await page
      .getByTestId('matrix-cell')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count')))))
      zhSum += count;
    expect(zhSum).toBe(await valueOf(page, 'ranked-count'));
    await screenshot(page, 'dashboard-zh.png');

    // The ranking table and the settings read in Chinese too.
    await page.getByTestId('nav-rankings').click();
    await waitForRanking(page);
    expect(await page.getByTestId('col-movement').textContent()).toContain(
      translate('zh-CN', 'rank.col.movement'),
    );
    const english = async (root: string): Promise<string[]> =>
      (await visibleTexts(page, root)).filter((text) => patterns.some(({ pattern }) => pattern.test(text)));
    expect(await english('[data-testid=rankings-screen]')).toEqual([]);
    await page.getByTestId('nav-settings').click();
    await waitSaved(page);
    expect(await page.locator('#settings-title').textContent()).toBe(translate('zh-CN', 'settings.title'));
    expect(await english('[data-testid=settings-screen]')).toEqual([]);

    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
