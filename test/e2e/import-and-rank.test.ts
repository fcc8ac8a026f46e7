import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatList } from '../../shared/format/format';
import { kindSpec } from '../../shared/import/field-catalog';
import type { zhCN } from '../../shared/i18n/messages-zh-cn';
import { translate } from '../../shared/i18n/translate';
import {
  englishPatterns,
  launchBrowser,
  openPage as openBrowserPage,
  pageErrors,
  repoRoot,
  screenshot,
  startHost as startBrowserHost,
  stopHost,
  valueOf,
  visibleTexts,
  type Host,
} from './browser-host';

/**
 * Drives the real UI through the browser host (web/server.ts serving dist/web) with headless
 * Chromium: import the Maven CRM sample, rank 2017, switch language; and open the demo workspace.
 * Needs `npm run build:web` first (`npm run test:e2e` does it).
 */

const maven = path.resolve(repoRoot, '../shared/data/maven-crm-sales-opportunities');
const fixtures = path.join(repoRoot, 'test/fixtures/import');

const hosts: Host[] = [];
let browser: Browser;

/** A browser host for this test, stopped after it. */
async function startHost(): Promise<Host> {
  const host = await startBrowserHost();
  hosts.push(host);
  return host;
}

function openPage(url: string): Promise<Page> {
  return openBrowserPage(browser, url);
}

async function waitForRanking(page: Page): Promise<void> {
  await page.getByTestId('ranking-table').waitFor();
  await page.locator('[data-testid=rankings-screen][aria-busy=false]').waitFor();
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

describe('import and rank', () => {
  it('imports the Maven CRM export and ranks 2017 in both languages', async () => {
    const host = await startHost();
    const page = await openPage(host.url);

    // The token is removed from the address bar.
    await page.getByTestId('start-screen').waitFor();
    expect(page.url()).not.toContain('token=');
    expect(await page.getByTestId('workspace-name').textContent()).toBe('My workspace');

    await page.getByTestId('start-import').click();
    await page
      .getByTestId('file-input')
      .setInputFiles([path.join(maven, 'sales_pipeline.csv'), path.join(maven, 'sales_teams.csv')]);

    const pipeline = page.locator('[data-testid=staged-file][data-file-name="sales_pipeline.csv"]');
    const teams = page.locator('[data-testid=staged-file][data-file-name="sales_teams.csv"]');
    await pipeline.and(page.locator('[data-status=ready]')).waitFor({ timeout: 60_000 });
    await teams.and(page.locator('[data-status=ready]')).waitFor({ timeout: 60_000 });

    // Detected kinds and mappings: nothing required is left unmapped.
    expect(await pipeline.getByTestId('kind-select').inputValue()).toBe('deals');
    expect(await teams.getByTestId('kind-select').inputValue()).toBe('reps');
    expect(await page.locator('[data-testid=mapping-row][data-missing=true]').count()).toBe(0);
    expect(await pipeline.locator('[data-testid=mapping-row][data-field=owner] select').inputValue()).toBe(
      'sales_agent',
    );
    expect(await pipeline.getByTestId('preview-table').locator('tbody tr').count()).toBeGreaterThan(0);

    await page.getByTestId('import-all').click();
    await pipeline.getByTestId('import-summary').waitFor({ timeout: 90_000 });
    await teams.getByTestId('import-summary').waitFor({ timeout: 90_000 });
    expect(await pipeline.locator('[data-testid=count-read]').getAttribute('data-value')).toBe('8800');
    expect(await teams.locator('[data-testid=count-read]').getAttribute('data-value')).toBe('35');

    await page.getByTestId('nav-rankings').click();
    await waitForRanking(page);
    await page.getByTestId('period-select').selectOption('2017');
    await page.locator('#rankings-title', { hasText: '2017' }).waitFor();
    await waitForRanking(page);

    // 35 reps in the team list, 30 with closed deals in 2017.
    expect(await valueOf(page, 'ranked-count')).toBe(30);
    expect(await valueOf(page, 'unranked-count')).toBe(5);
    expect(await page.getByTestId('ranking-row').count()).toBe(30);
    expect(await page.getByTestId('unranked-row').count()).toBe(5);

    const top = await valueOf(page, 'band-count-top');
    const middle = await valueOf(page, 'band-count-middle');
    const bottom = await valueOf(page, 'band-count-bottom');
    // k = round(30 / 4) = 8 per end band (docs/ranking.md); the CLI gives the same 8 / 14 / 8.
    expect([top, middle, bottom]).toEqual([8, 14, 8]);
    for (const band of ['top', 'middle', 'bottom']) {
      expect(
        await page.locator(`[data-testid=ranking-table] [data-testid=band-badge][data-band=${band}]`).count(),
      ).toBeGreaterThan(0);
    }
    // The first row is the best score, and rank 1.
    const firstRow = page.getByTestId('ranking-row').first();
    expect(await firstRow.getAttribute('data-band')).toBe('top');
    expect(await firstRow.locator('td').first().textContent()).toBe('1');
    // No activity file: activity KPIs are not shown as columns (never as zeros).
    expect(await page.getByTestId('col-calls_per_day').count()).toBe(0);
    expect(await page.getByTestId('col-won_revenue').count()).toBe(1);
    // The chart (a lazily loaded module) draws on a canvas.
    await page.locator('[data-testid=band-chart] canvas').first().waitFor();

    // Sorting by a header reorders; filtering by band narrows the table.
    await page.getByTestId('col-rep').locator('button').click();
    const names = await page
      .locator('[data-testid=ranking-row]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rep') ?? ''));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    await page.getByTestId('col-rank').locator('button').click();
    await page.getByTestId('filter-band').selectOption('top');
    expect(await page.getByTestId('ranking-row').count()).toBe(top);
    await page.getByTestId('filter-band').selectOption('');
    expect(await page.getByTestId('ranking-row').count()).toBe(30);

    await screenshot(page, 'ranking-en.png');

    await page.getByTestId('language-switch').getByRole('button', { name: '中文' }).click();
    await page.locator('html[lang=zh-CN]').waitFor();
    expect(await page.getByTestId('nav-rankings').textContent()).toContain('业绩排名');
    expect(await page.locator('#rankings-title').textContent()).toContain('2017年');
    expect(
      await page
        .locator('[data-testid=ranking-table] [data-testid=band-badge][data-band=top]')
        .first()
        .textContent(),
    ).toBe('前 25%');
    await screenshot(page, 'ranking-zh.png');

    // The language is remembered, and the tab keeps its access token across a reload.
    await page.reload();
    await page.locator('html[lang=zh-CN]').waitFor();
    // A reload opens on the dashboard, in the remembered language.
    await page.getByTestId('matrix').waitFor();
    expect(page.url()).not.toContain('token=');

    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('opens the demo workspace from the start screen and shows a ranking', async () => {
    const host = await startHost();
    const page = await openPage(host.url);

    await page.getByTestId('open-demo').click();
    // The demo opens on the dashboard; the ranking table is one tab away.
    await page.getByTestId('dashboard-screen').waitFor();
    await page.getByTestId('nav-rankings').click();
    await waitForRanking(page);
    await page.getByTestId('demo-banner').waitFor();
    expect(await page.getByTestId('workspace-name').textContent()).toBe('Demo workspace');

    const ranked = await valueOf(page, 'ranked-count');
    expect(ranked).toBeGreaterThanOrEqual(8);
    expect(await page.getByTestId('ranking-row').count()).toBe(ranked);
    for (const band of ['top', 'middle', 'bottom']) {
      expect(await valueOf(page, `band-count-${band}`)).toBeGreaterThan(0);
    }
    // Chart tooltips in both views (they must not break the CSP).
    const chart = page.locator('[data-testid=band-chart]');
    await chart.locator('canvas').first().waitFor();
    const box = await chart.boundingBox();
    if (!box) throw new Error('the band chart has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId('chart-view-scores').click();
    await page.locator('[data-testid=band-chart][data-view=scores]').waitFor();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
    // The first screen of the demo ranking, as the README shows it (docs/images/ranking-en.png).
    await page.getByTestId('chart-view-teams').click();
    await page.mouse.move(0, 0);
    await screenshot(page, 'ranking-screen-en.png', false);
    await page.getByTestId('chart-view-scores').click();

    await page.locator('[data-testid=how-ranking-works] summary').click();
    await screenshot(page, 'demo-en.png');

    // Back to the (empty) user workspace: the start screen again.
    await page.getByTestId('workspace-user').click();
    await page.getByTestId('start-screen').waitFor();
    expect(await page.getByTestId('workspace-name').textContent()).toBe('My workspace');

    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

describe('keeping the data clean', () => {
  it('offers two spellings of one rep for merging, merges them, and undoes an import', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qc-e2e-files-'));
    const first = path.join(dir, 'q1-deals.csv');
    const second = path.join(dir, 'q2-deals.csv');
    writeFileSync(
      first,
      'Opportunity ID,Opportunity Owner,Stage,Amount,Close Date\nA-1,Doroth Gardner,Closed Won,100,2024-01-05\nA-2,Harold Campbell,Closed Lost,50,2024-01-06\n',
    );
    writeFileSync(
      second,
      'Opportunity ID,Opportunity Owner,Stage,Amount,Close Date\nB-1,Dorothy Gardner,Closed Won,300,2024-04-05\n',
    );
    const host = await startHost();
    const page = await openPage(host.url);
    await page.getByTestId('start-import').click();
    await page.getByTestId('file-input').setInputFiles([first, second]);
    await page.locator('[data-testid=staged-file][data-status=ready]').nth(1).waitFor({ timeout: 60_000 });
    await page.getByTestId('import-all').click();
    await page.getByTestId('import-summary').nth(1).waitFor({ timeout: 60_000 });

    await page.getByTestId('nav-history').click();
    const pair = page.getByTestId('duplicate-pair');
    await pair.waitFor();
    expect(await pair.count()).toBe(1);
    expect(await pair.textContent()).toContain('Dorothy Gardner');
    await screenshot(page, 'history-duplicates-en.png', false);
    await pair.getByTestId('duplicate-merge').click();
    await page.getByTestId('duplicates-done').waitFor();
    // The list is read again after the merge: wait for it rather than race it.
    await expect.poll(() => page.getByTestId('duplicate-pair').count()).toBe(0);

    // Undo the second import: one history row left.
    expect(await page.getByTestId('history-row').count()).toBe(2);
    await page
      .locator('[data-testid=history-row]', { hasText: 'q2-deals.csv' })
      .getByTestId('history-undo')
      .click();
    await page.getByTestId('history-undo-confirm').click();
    await page.getByTestId('history-undone').waitFor();
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(1);

    await page.getByTestId('nav-rankings').click();
    await waitForRanking(page);
    expect(await page.getByTestId('ranking-row').count()).toBe(2);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('mapping a file by hand', () => {
  it('maps unknown headers, answers the date order, edits a stage, and reuses the mapping next time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qc-e2e-files-'));
    const file = path.join(dir, 'bookings.csv');
    // No header is recognised but Value; every date fits both orders. Read day-first, the signed
    // deals fall in 2024-Q2 (3 April, 2 May, 1 June); month-first they would be in Q1.
    writeFileSync(
      file,
      [
        'Seller,Phase,Value,Booked',
        'Ann Lee,Signed up,1000,03/04/2024',
        'Ann Lee,Talking,500,05/04/2024',
        'Bo Chen,Signed up,2500,02/05/2024',
        'Bo Chen,Dropped,300,04/05/2024',
        'Cy Diaz,Signed up,400,01/06/2024',
        'Cy Diaz,Dropped,700,07/06/2024',
        '',
      ].join('\n'),
    );
    const host = await startHost();
    const page = await openPage(host.url);
    await page.getByTestId('start-import').click();
    await page.getByTestId('file-input').setInputFiles([file]);
    const card = page.locator('[data-testid=staged-file][data-file-name="bookings.csv"]');
    await card.and(page.locator('[data-status=ready]')).waitFor({ timeout: 60_000 });
    expect(await card.getByTestId('kind-select').inputValue()).toBe('');
    expect(await card.getByTestId('import-button').isDisabled()).toBe(true);

    await card.getByTestId('kind-select').selectOption('deals');
    const row = (field: string) => card.locator(`[data-testid=mapping-row][data-field=${field}] select`);
    await row('owner').waitFor();
    await row('owner').selectOption('Seller');
    await row('stage').selectOption('Phase');
    await row('amount').selectOption('Value');
    await row('close_date').selectOption('Booked');
    await card.and(page.locator('[data-status=ready]')).waitFor();
    expect(await card.locator('[data-testid=mapping-row][data-missing=true]').count()).toBe(0);

    // The date order is a required question: Import stays disabled until it is answered.
    const question = card.getByTestId('date-order');
    await question.waitFor();
    expect(await question.locator('legend').textContent()).toBe('Dates like 03/04/2024 in Booked');
    expect(await question.getByTestId('date-order-mdy').locator('xpath=..').textContent()).toBe(
      'March 4, 2024 (month first)',
    );
    expect(await question.getByTestId('date-order-dmy').locator('xpath=..').textContent()).toBe(
      '3 April 2024 (day first)',
    );
    expect(await card.getByTestId('import-button').isDisabled()).toBe(true);
    await card.getByTestId('date-order-required').waitFor();
    await question.getByTestId('date-order-dmy').check();

    // Stages: three values the app does not know, all open by default; "Signed up" is a win.
    const stages = card.getByTestId('stage-row');
    expect(await stages.count()).toBe(3);
    expect(await card.locator('[data-testid=stage-row][data-known=false]').count()).toBe(3);
    expect(await card.getByTestId('stages-unknown').textContent()).toBe(
      '3 values not recognised: check them below.',
    );
    const signedUp = card.locator('[data-testid=stage-row][data-value="Signed up"]');
    expect(await signedUp.locator('td.num').textContent()).toBe('3');
    await signedUp.getByTestId('stage-status').selectOption('won');
    expect(await signedUp.getByTestId('stage-funnel').inputValue()).toBe('signed');
    const dropped = card.locator('[data-testid=stage-row][data-value=Dropped]');
    await dropped.getByTestId('stage-status').selectOption('lost');
    await dropped.getByTestId('stage-funnel').selectOption('target_customer');
    expect(await card.getByTestId('import-button').isEnabled()).toBe(true);

    // A value the user has set shows as theirs, no longer "not recognised"; Talking still does.
    for (const set of [signedUp, dropped]) {
      expect(await set.getAttribute('data-source')).toBe('user');
      expect(await set.getByTestId('stage-flag').textContent()).toBe('Set by you');
    }
    const talking = card.locator('[data-testid=stage-row][data-value=Talking]');
    expect(await talking.getAttribute('data-source')).toBe('unknown');
    expect(await talking.getByTestId('stage-flag').textContent()).toBe('Not recognised: check it');
    expect(await card.getByTestId('stages-unknown').textContent()).toBe(
      '1 value not recognised: check it below.',
    );
    // Only changing the funnel stage counts as setting the value too.
    await talking.getByTestId('stage-funnel').selectOption('prospect');
    expect(await talking.getAttribute('data-source')).toBe('user');
    expect(await talking.getByTestId('stage-status').inputValue()).toBe('open');
    expect(await card.getByTestId('stages-unknown').count()).toBe(0);
    expect(await card.getByText('Not recognised: check it').count()).toBe(0);

    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'mapping-en.png');

    await card.getByTestId('import-button').click();
    await card.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    expect(await card.locator('[data-testid=count-read]').getAttribute('data-value')).toBe('6');
    expect(await card.locator('[data-testid=notices] [data-code=unknown_stage]').count()).toBe(0);

    // Day first: every signed deal is in 2024-Q2, each rep's won revenue as chosen.
    await page.getByTestId('nav-rankings').click();
    await waitForRanking(page);
    await page.getByTestId('period-select').selectOption('2024-Q2');
    await page.locator('#rankings-title', { hasText: 'Q2' }).waitFor();
    await waitForRanking(page);
    expect(await valueOf(page, 'ranked-count')).toBe(3);
    const wonRevenue = async (rep: string): Promise<string> =>
      page.evaluate((name) => {
        const headers = [...document.querySelectorAll('[data-testid=ranking-table] thead tr:last-child > *')];
        const index = headers.findIndex((th) => th.getAttribute('data-testid') === 'col-won_revenue');
        const tr = document.querySelector(`[data-testid=ranking-row][data-rep="${name}"]`);
        return tr?.children[index]?.textContent ?? '';
      }, rep);
    expect(await wonRevenue('Ann Lee')).toMatch(/^\D*1,000(\.00)?\D*$/);
    expect(await wonRevenue('Bo Chen')).toMatch(/^\D*2,500(\.00)?\D*$/);
    expect(await wonRevenue('Cy Diaz')).toMatch(/^\D*400(\.00)?\D*$/);

    // The same headers again: the saved mapping and stage choices come back.
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles([file]);
    const again = page.locator('[data-testid=staged-file][data-file-name="bookings.csv"][data-status=ready]');
    await again.waitFor({ timeout: 60_000 });
    await again.getByTestId('mapping-saved').waitFor();
    expect(await again.getByTestId('kind-select').inputValue()).toBe('deals');
    expect(await again.locator('[data-testid=mapping-row][data-field=owner] select').inputValue()).toBe(
      'Seller',
    );
    expect(
      await again.locator('[data-testid=stage-row][data-value="Signed up"]').getAttribute('data-status'),
    ).toBe('won');
    expect(await again.locator('[data-testid=stage-row][data-known=false]').count()).toBe(0);
    // The day/month question comes answered as last time; the user may still change it.
    const answered = again.getByTestId('date-order');
    expect(await answered.getAttribute('data-answered')).toBe('dmy');
    expect(await answered.getByTestId('date-order-dmy').isChecked()).toBe(true);
    expect(await answered.getByTestId('date-order-saved').textContent()).toBe(
      'Answered as for your last file with the same columns; change it if this file is different.',
    );
    expect(await again.getByTestId('import-button').isEnabled()).toBe(true);
    await answered.getByTestId('date-order-mdy').check();
    expect(await answered.getAttribute('data-answered')).toBe('mdy');
    expect(await answered.getByTestId('date-order-saved').count()).toBe(0);

    expect(pageErrors(page)).toEqual([]);
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the mapping screen in Chinese', () => {
  it('shows every label in Chinese for files with Chinese headers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qc-e2e-files-'));
    // A 纷享销客 opportunity export (UTF-8 with BOM, as its Excel download writes it): every date
    // fits both orders, and two stages the app does not know.
    const fxiaoke = path.join(dir, '商机列表.csv');
    writeFileSync(
      fxiaoke,
      `\uFEFF${[
        '商机名称,客户名称,负责人,商机金额,销售阶段,结单日期,创建时间,商机状态',
        '华东扩容项目,北京星辰科技有限公司,张伟,120000,赢单,03/04/2024,01/02/2024,赢单',
        '年度维保续约,上海明月贸易有限公司,李娜,80000,输单,05/04/2024,02/03/2024,输单',
        '数据平台二期,深圳海风电子有限公司,王芳,260000,方案报价,,03/03/2024,进行中',
        '渠道合作试点,杭州青松软件有限公司,刘洋,45000,内部评估,,04/03/2024,进行中',
        '门店系统升级,广州云山物流有限公司,张伟,90000,客户内审,,05/03/2024,进行中',
        '',
      ].join('\r\n')}`,
    );
    const host = await startHost();
    const page = await openPage(host.url);
    await page.getByTestId('start-screen').waitFor();
    await page.getByTestId('language-switch').getByRole('button', { name: '中文' }).click();
    await page.locator('html[lang=zh-CN]').waitFor();
    await page.getByTestId('start-import').click();
    await page
      .getByTestId('file-input')
      .setInputFiles([path.join(fixtures, 'gb18030-chinese-headers.csv'), fxiaoke]);
    const cards = page.getByTestId('staged-file');
    await page.locator('[data-testid=staged-file][data-status=ready]').nth(1).waitFor({ timeout: 60_000 });
    const gb = cards.and(page.locator('[data-file-name="gb18030-chinese-headers.csv"]'));
    const fx = cards.and(page.locator('[data-file-name="商机列表.csv"]'));

    const zh = (key: keyof typeof zhCN, params?: Record<string, string | number>): string =>
      translate('zh-CN', key, params);
    expect(await page.locator('#import-title').textContent()).toBe(zh('import.title'));
    const deals = kindSpec('deals').fields;
    for (const card of [gb, fx]) {
      expect(await card.getByTestId('kind-select').inputValue()).toBe('deals');
      expect(await card.getByTestId('kind-select').locator('option:checked').textContent()).toBe(
        zh('import.kindBest', { kind: zh('kind.deals') }),
      );
      expect(await card.locator('h4.subheading').first().textContent()).toBe(zh('import.mapping'));
      expect(await card.getByTestId('mapping-table').locator('thead th').allTextContents()).toEqual([
        zh('import.field'),
        zh('import.column'),
        zh('import.sample'),
      ]);
      // Every field row is named in Chinese; the required ones are all mapped.
      const rows = card.getByTestId('mapping-row');
      expect(await rows.count()).toBe(deals.length);
      for (const field of deals) {
        const label = await card
          .locator(`[data-testid=mapping-row][data-field=${field.id}] th label`)
          .textContent();
        expect(label?.startsWith(field.label_zh), `${field.id}: ${label}`).toBe(true);
      }
      expect(await card.locator('[data-testid=mapping-row][data-missing=true]').count()).toBe(0);
      // One table per column (stage, status: issue #12), each with the same Chinese headers.
      for (const table of await card.getByTestId('stage-table').all()) {
        expect(await table.locator('thead th').allTextContents()).toEqual([
          zh('import.stages.value'),
          zh('import.stages.count'),
          zh('import.stages.status'),
          zh('import.stages.funnel'),
        ]);
      }
      expect(await card.getByTestId('import-button').textContent()).toBe(zh('import.run'));
    }
    expect(await fx.locator('[data-testid=mapping-row][data-field=owner] select').inputValue()).toBe(
      '负责人',
    );

    // The day/month question, in Chinese, with both readings written as Chinese dates.
    const question = fx.getByTestId('date-order');
    expect(await question.locator('legend').textContent()).toBe(
      zh('import.dateOrder.title', {
        example: '03/04/2024',
        columns: formatList('zh-CN', ['结单日期', '创建时间']),
      }),
    );
    expect(await question.getByTestId('date-order-mdy').locator('xpath=..').textContent()).toBe(
      zh('import.dateOrder.mdy', { date: '2024年3月4日' }),
    );
    expect(await question.getByTestId('date-order-dmy').locator('xpath=..').textContent()).toBe(
      zh('import.dateOrder.dmy', { date: '2024年4月3日' }),
    );
    expect(await fx.getByTestId('date-order-required').textContent()).toBe(zh('import.dateOrder.required'));
    expect(await gb.getByTestId('date-order').count()).toBe(0);

    // Stages: the unknown ones are flagged in Chinese; one set by the user says so.
    expect(await fx.getByTestId('stages-unknown').textContent()).toBe(
      zh('import.stages.unknownCount', { count: '2' }),
    );
    const review = fx.locator('[data-testid=stage-row][data-value=内部评估]');
    expect(await review.getByTestId('stage-flag').textContent()).toBe(zh('import.stages.unknown'));
    expect(await review.getByTestId('stage-status').locator('option:checked').textContent()).toBe(
      zh('status.open'),
    );
    await review.getByTestId('stage-status').selectOption('lost');
    expect(await review.getByTestId('stage-flag').textContent()).toBe(zh('import.stages.userSet'));
    expect(await review.getByTestId('stage-status').locator('option:checked').textContent()).toBe(
      zh('status.lost'),
    );
    expect(await fx.getByTestId('stages-unknown').textContent()).toBe(
      zh('import.stages.unknownCount', { count: '1' }),
    );
    expect(
      await fx
        // 赢单 is a value of both columns, listed in each (issue #12): the stage column's row.
        .locator('[data-testid=stage-table][data-field=stage] [data-testid=stage-row][data-value=赢单]')
        .getByTestId('stage-status')
        .locator('option:checked')
        .textContent(),
    ).toBe(zh('status.won'));

    // No English anywhere on the screen: no catalog text and no English field or kind name.
    const texts = await visibleTexts(page, '[data-testid=import-screen]');
    expect(texts.length).toBeGreaterThan(50);
    const patterns = englishPatterns();
    const english = texts.filter(
      (text) =>
        patterns.some(({ pattern }) => pattern.test(text)) ||
        deals.some((f) => f.label_en !== f.label_zh && text.startsWith(f.label_en)),
    );
    expect(english).toEqual([]);
    expect(texts).toContain(zh('import.stages.title'));

    await screenshot(page, 'mapping-zh.png');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
