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
  visibleTexts,
  type Host,
} from './browser-host';

/**
 * The coaching screen on the demo workspace, through the browser host: the team view finds the
 * practice the demo plants as distinguishing (substantive relationships) and not the one planted
 * as a non-difference (emails per day); a rep's view has 1 to 3 goals that can be edited and
 * saved, notes can be added and deleted, and the screen reads in Chinese with no English left
 * (screenshots: test-results/coaching-team-en.png, coaching-rep-en.png, coaching-rep-zh.png).
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

async function waitIdle(page: Page): Promise<void> {
  await page.locator('[data-testid=coaching-screen][aria-busy=false]').waitFor();
}

async function waitForTeam(page: Page): Promise<void> {
  await page.getByTestId('practices-table').waitFor();
  await waitIdle(page);
  await page.locator('[data-testid=effect-chart] canvas').first().waitFor();
}

async function waitForRep(page: Page, rep?: string): Promise<void> {
  const root = rep ? `[data-testid=coaching-rep][data-rep="${rep}"]` : '[data-testid=coaching-rep]';
  await page.locator(root).waitFor();
  await waitIdle(page);
  await page.locator('[data-testid=benchmark-chart] canvas').first().waitFor();
}

async function practiceRow(page: Page, practice: string) {
  const row = page.locator(`[data-testid=practice-row][data-practice=${practice}]`);
  return {
    separation: await row.getAttribute('data-separation'),
    distinguishing: await row.getAttribute('data-distinguishing'),
    label: (await row.getByTestId('separation').textContent()) ?? '',
  };
}

describe('coaching', () => {
  it('shows what separates the top quartile, plans for a rep, saves it, keeps notes, in both languages', async () => {
    const host = await startHost();
    hosts.push(host);
    const page = await openPage(browser, host.url);

    await page.getByTestId('start-screen').waitFor();
    await page.getByTestId('open-demo').click();
    await page.getByTestId('dashboard-screen').waitFor();

    // The demo's whole year: every rep has enough data, and the planted practices show best.
    await page.getByTestId('nav-coaching').click();
    await page.getByTestId('coaching-screen').waitFor();
    await page.getByTestId('period-select').selectOption('2025');
    await page.locator('#coaching-title', { hasText: '2025' }).waitFor();
    await waitForTeam(page);
    expect(await page.getByTestId('nav-coaching').textContent()).toContain(en['coaching.nav']);

    // Planted: substantive relationships separate the top quartile; email volume does not.
    const relationships = await practiceRow(page, 'substantive_relationships');
    expect(relationships.separation).toBe('distinguishing');
    expect(relationships.distinguishing).toBe('true');
    expect(relationships.label).toBe(en['coaching.separation.distinguishing']);
    const emails = await practiceRow(page, 'emails_per_day');
    expect(emails.distinguishing).toBe('false');
    expect(emails.separation).not.toBe('distinguishing');
    // Distinguishing practices are listed first.
    const order = await page
      .getByTestId('practice-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-distinguishing')));
    const firstOther = order.indexOf('false');
    expect(firstOther).toBeGreaterThan(0);
    expect(order.slice(firstOther)).not.toContain('true');
    // Every practice explains itself on hover; numbers are never shown for missing practices.
    expect(
      await page
        .locator('[data-testid=practice-row][data-practice=substantive_relationships] .info-tip')
        .getAttribute('aria-label'),
    ).toContain('Substantive');
    const volume = page.getByTestId('volume-note');
    if ((await volume.getAttribute('data-distinguishes')) === 'false') {
      expect(await volume.textContent()).toContain('does not separate the top quartile');
    }
    await screenshot(page, 'coaching-team-en.png');

    // The other definition of top performers answers too.
    await page.getByTestId('top-by-composite').click();
    await page.locator('[data-testid=top-by-composite][aria-pressed=true]').waitFor();
    await waitForTeam(page);
    await page.getByTestId('top-by-results').click();
    await waitForTeam(page);

    // A rep's view, opened from the ranking table: a middle-band rep, so the plan has gaps to close.
    await page.getByTestId('nav-rankings').click();
    await page
      .locator('[data-testid=rankings-screen][aria-busy=false] [data-testid=ranking-table]')
      .waitFor();
    const middleRow = page.locator('[data-testid=ranking-row][data-band=middle]').first();
    const middleName = (await middleRow.getAttribute('data-rep')) ?? '';
    await middleRow.getByTestId('open-coaching').click();
    await page.locator('[data-testid=coaching-screen][data-view=rep]').waitFor();
    const select = page.getByTestId('coaching-rep-select');
    const middleRep = { value: await select.inputValue(), name: middleName };
    await waitForRep(page, middleRep.name);
    expect(await page.getByTestId('gap-row').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('funnel-step').count()).toBe(3);
    expect(await page.getByTestId('work-row').count()).toBe(5);
    const goals = page.getByTestId('goal');
    const goalCount = await goals.count();
    expect(goalCount).toBeGreaterThanOrEqual(1);
    expect(goalCount).toBeLessThanOrEqual(3);
    expect((await goals.first().getByTestId('goal-text').inputValue()).length).toBeGreaterThan(10);

    // Edit the first goal and save: the plan is listed under saved plans.
    const edited = `Edited by the e2e test: ${await goals.first().getByTestId('goal-text').inputValue()}`;
    await goals.first().getByTestId('goal-text').fill(edited);
    const target = goals.first().getByTestId('goal-target');
    const targetValue = Number(await target.inputValue());
    await target.fill(String(Math.round(targetValue * 1.1 * 100) / 100));
    const savedBefore = await page.getByTestId('saved-plan').count();
    await page.getByTestId('plan-save').click();
    await page.getByTestId('plan-saved').waitFor();
    await expect.poll(() => page.getByTestId('saved-plan').count()).toBe(savedBefore + 1);
    const savedGoals = page.getByTestId('saved-plan').first().getByTestId('saved-goal');
    expect(await savedGoals.count()).toBe(goalCount);
    expect(await savedGoals.first().locator('th').getAttribute('title')).toBe(edited);

    // A note: added, listed with its date, deleted.
    const noteText = `Talked through the pipeline review ${Date.now()}`;
    await page.getByTestId('note-text').fill(noteText);
    await page.getByTestId('note-add').click();
    const note = page.getByTestId('note').filter({ hasText: noteText });
    await note.waitFor();
    expect(await note.locator('time').textContent()).toMatch(/\d/);
    expect(await page.getByTestId('note-text').inputValue()).toBe('');
    await page.getByTestId('note-text').fill('A second note, to delete');
    await page.getByTestId('note-add').click();
    const second = page.getByTestId('note').filter({ hasText: 'A second note, to delete' });
    await second.waitFor();
    await second.getByTestId('note-delete').click();
    await second.waitFor({ state: 'detached' });
    expect(await note.count()).toBe(1);
    await waitIdle(page);
    await screenshot(page, 'coaching-rep-en.png');

    // A bottom-band rep gets an improvement plan.
    const bottomRep = await select
      .locator(`optgroup[label="${en['band.bottom']}"] option`)
      .first()
      .evaluate((o) => ({ value: (o as HTMLOptionElement).value, name: o.textContent ?? '' }));
    await select.selectOption(bottomRep.value);
    await waitForRep(page, bottomRep.name);
    await page.getByTestId('improvement-plan').waitFor();
    expect(await page.getByTestId('review-date').textContent()).toMatch(/\d/);

    // Chinese: the middle rep again, with no English left on the screen.
    await select.selectOption(middleRep.value);
    await waitForRep(page, middleRep.name);
    await page.getByTestId('language-switch').getByRole('button', { name: '中文' }).click();
    await page.locator('html[lang=zh-CN]').waitFor();
    await waitForRep(page, middleRep.name);
    expect(await page.getByTestId('nav-coaching').textContent()).toContain('辅导');
    expect(await page.locator('#plan-title').textContent()).toContain(
      translate('zh-CN', 'coaching.plan.title', { period: '' }).trim(),
    );
    // The goals' text is the Chinese template.
    expect(await page.getByTestId('goal').first().getByTestId('goal-text').inputValue()).toMatch(
      /[\u4e00-\u9fff]/,
    );
    const patterns = englishPatterns();
    const english = async (root: string): Promise<string[]> =>
      (await visibleTexts(page, root)).filter((text) => patterns.some(({ pattern }) => pattern.test(text)));
    const texts = await visibleTexts(page, '[data-testid=coaching-screen]');
    expect(texts.length).toBeGreaterThan(60);
    expect(await english('[data-testid=coaching-screen]')).toEqual([]);
    await screenshot(page, 'coaching-rep-zh.png');

    await page.getByTestId('coaching-view-team').click();
    await waitForTeam(page);
    expect(await english('[data-testid=coaching-screen]')).toEqual([]);
    expect(
      await page
        .locator(
          '[data-testid=practice-row][data-practice=substantive_relationships] [data-testid=separation]',
        )
        .textContent(),
    ).toBe(translate('zh-CN', 'coaching.separation.distinguishing'));

    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
