import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/messages-en';
import { translate } from '../../shared/i18n/translate';
import {
  englishPatterns,
  launchBrowser,
  openPage,
  pageErrors,
  resultsDir,
  screenshot,
  startHost,
  stopHost,
  visibleTexts,
  type Host,
} from './browser-host';

/**
 * The team restructure planner on the demo workspace, through the browser host: a member's reason
 * (the gaps with the leader's values, the runner-up), an impossible constraint named and undone,
 * a rep moved with the keyboard menu (the moves count and the constraint checks follow at once,
 * undo puts the rep back), a scenario saved under a name, the page reloaded and the scenario
 * opened with the moved rep still moved, and the screen in Chinese with no English left
 * (screenshots: test-results/teams-en.png, teams-top-en.png, teams-zh.png).
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
  await page.locator('[data-testid=teams-screen][aria-busy=false] [data-testid=teams-plan]').waitFor();
}

async function movesCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('plan-moves').getAttribute('data-value'));
}

function member(page: Page, rep: string): Locator {
  return page.locator(`[data-testid=team-member][data-rep="${rep}"]`);
}

/** The leader id of the team card a rep is in. */
async function leaderOf(page: Page, rep: string): Promise<string> {
  return member(page, rep).evaluate(
    (el) => el.closest('[data-testid=team-card]')?.getAttribute('data-leader-id') ?? '',
  );
}

describe('teams', () => {
  it('explains a placement, moves a rep, saves a scenario and opens it after a reload, in both languages', async () => {
    const host = await startHost();
    hosts.push(host);
    const page = await openPage(browser, host.url);

    await page.getByTestId('start-screen').waitFor();
    await page.getByTestId('open-demo').click();
    await page.getByTestId('dashboard-screen').waitFor();

    // The demo's whole year, as on Coaching: every rep has enough data.
    await page.getByTestId('nav-teams').click();
    await page.getByTestId('teams-screen').waitFor();
    expect(await page.getByTestId('nav-teams').textContent()).toContain(en['teams.nav']);
    await page.getByTestId('period-select').selectOption('2025');
    await page.locator('#teams-title', { hasText: '2025' }).waitFor();
    await waitIdle(page);

    // Today beside the proposal; every team has a leader; benefit shown with one decimal.
    expect(await page.getByTestId('current-team').count()).toBeGreaterThan(1);
    const teamCount = await page.getByTestId('team-card').count();
    expect(teamCount).toBeGreaterThan(1);
    expect(await page.getByTestId('team-leader').count()).toBe(teamCount);
    expect(await page.getByTestId('plan-benefit').textContent()).toMatch(/^\d[\d,]*\.\d pts$/);
    expect(await page.getByTestId('plan-status').getAttribute('data-status')).not.toBe('manual');
    expect(await page.locator('[data-testid=plan-check][data-ok=false]').count()).toBe(0);
    await page.getByTestId('effect-note').waitFor();

    // A member's reason: the text, the largest gaps with the leader's values, the runner-up.
    const explained =
      (await page
        .locator('[data-testid=team-member][data-role=member][data-moved=true]')
        .first()
        .getAttribute('data-rep')) ?? '';
    const first = member(page, explained);
    await first.getByTestId('why-button').click();
    const why = first.getByTestId('member-why');
    await why.waitFor();
    expect(await first.getByTestId('why-button').getAttribute('aria-expanded')).toBe('true');
    const reason = (await why.getByTestId('member-reason').textContent()) ?? '';
    expect(reason.length).toBeGreaterThan(30);
    expect(reason).toContain(explained);
    const gapRows = why.locator('[data-testid=member-gaps] tbody tr');
    expect(await gapRows.count()).toBeGreaterThanOrEqual(1);
    // The leader's value is there on every gap row (a number, not a dash).
    expect(await gapRows.first().locator('td').last().textContent()).toMatch(/\d/);
    const runnerUp = why.getByTestId('member-runner-up');
    expect(await runnerUp.textContent()).toMatch(/\d\.\d pts/);

    // An impossible constraint is named, with no half plan; undo takes it back.
    const maxSize = page.getByTestId('constraint-maxSize');
    await maxSize.fill('3');
    await maxSize.press('Enter');
    const infeasible = page.getByTestId('teams-infeasible');
    await infeasible.waitFor();
    expect(await infeasible.getByTestId('infeasible-text').getAttribute('data-constraint')).toBe('max_size');
    expect(await infeasible.getByTestId('infeasible-text').textContent()).toContain('do not fit');
    await infeasible.getByRole('button', { name: en['teams.undoLast'] }).click();
    await infeasible.waitFor({ state: 'detached' });
    await waitIdle(page);
    expect(await page.getByTestId('constraint-maxSize').inputValue()).toBe('');

    // A what-if with the keyboard: a rep who stays goes to a team led from another current team.
    const movesBefore = await movesCount(page);
    const stayer = page.locator('[data-testid=team-member][data-role=member][data-moved=false]').first();
    const rep = (await stayer.getAttribute('data-rep')) ?? '';
    const repTeam = (await stayer.getAttribute('data-current-team')) ?? '';
    const from = await leaderOf(page, rep);
    const cards = await page.getByTestId('team-card').evaluateAll((els) =>
      els.map((el) => ({
        leader: el.getAttribute('data-leader-id'),
        team: el.getAttribute('data-current-team'),
      })),
    );
    const target = cards.find((c) => c.leader !== from && c.team !== repTeam);
    if (!target?.leader) throw new Error(`no team outside ${repTeam} to move ${rep} to`);
    await stayer.getByTestId('move-button').focus();
    await page.keyboard.press('Enter');
    const menu = stayer.getByTestId('move-menu');
    await menu.waitFor();
    const items = await menu
      .getByTestId('move-target')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-leader')));
    expect(items).not.toContain(from);
    const steps = items.indexOf(target.leader);
    expect(steps).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-leader'))).toBe(
      target.leader,
    );
    await page.keyboard.press('Enter');

    // Re-scored on the spot: the rep sits in the new team, marked as moved, and the count follows.
    await expect.poll(() => leaderOf(page, rep)).toBe(target.leader);
    expect(await member(page, rep).getAttribute('data-moved')).toBe('true');
    expect(await movesCount(page)).toBe(movesBefore + 1);
    expect(await page.getByTestId('plan-status').getAttribute('data-status')).toBe('manual');
    expect(await page.getByTestId('teams-announcement').textContent()).toContain(rep);
    // The keyboard user carries on from the rep's own menu button in its new team.
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-testid=team-member]')?.getAttribute('data-rep'),
      ),
    ).toBe(rep);

    // Undo puts the rep back; the move is made again with the mouse.
    await page.getByTestId('teams-undo').click();
    await expect.poll(() => leaderOf(page, rep)).toBe(from);
    expect(await movesCount(page)).toBe(movesBefore);
    await member(page, rep).getByTestId('move-button').click();
    await member(page, rep).locator(`[data-testid=move-target][data-leader="${target.leader}"]`).click();
    await expect.poll(() => leaderOf(page, rep)).toBe(target.leader);
    expect(await movesCount(page)).toBe(movesBefore + 1);

    // Exported as it is on screen: the moved rep's row says so.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('teams-export').click(),
    ]);
    expect(download.suggestedFilename()).toBe('teams-2025.csv');
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.split(/\r?\n/)[0]).toContain('rep,band,current_team,proposed_team,leader,role,moved');
    const line = csv.split(/\r?\n/).find((l) => l.startsWith(`${rep},`) || l.startsWith(`"${rep}",`));
    expect(line).toContain(',true,');

    // Saved under a name.
    const name = `E2E ${rep} moved`;
    await page.getByTestId('scenario-name').fill(name);
    await page.getByTestId('scenario-save').click();
    await page.getByTestId('scenario-saved').waitFor();
    const row = page.locator(`[data-testid=scenario-row][data-name="${name}"]`);
    await row.waitFor();

    // "Check the plan" answers for the saved scenario: figures, or why it is not ready yet.
    await row.getByTestId('scenario-check').click();
    const check = page.getByTestId('plan-check-view');
    await page.locator('[data-testid=plan-check-view][aria-busy=false]').waitFor();
    if ((await check.getAttribute('data-ready')) === 'true') {
      expect(await check.getByTestId('plan-check-group').count()).toBe(2);
    } else {
      expect(await check.getByTestId('plan-check-why').textContent()).toMatch(/Not ready yet/);
    }

    // The whole page, and its top down to the first row of teams as the README shows it
    // (docs/images/teams-en.png).
    await screenshot(page, 'teams-en.png');
    const firstRow = await page.getByTestId('team-card').evaluateAll((els) => {
      const top = Math.min(...els.map((el) => el.getBoundingClientRect().top));
      const row = els.filter((el) => Math.abs(el.getBoundingClientRect().top - top) < 2);
      return Math.max(...row.map((el) => el.getBoundingClientRect().bottom)) + window.scrollY;
    });
    await page.screenshot({
      path: path.join(resultsDir, 'teams-top-en.png'),
      fullPage: true,
      clip: { x: 0, y: 0, width: 1440, height: Math.ceil(firstRow + 24) },
    });

    // Chinese: the same plan, with no English left on the screen.
    await page.getByTestId('language-switch').getByRole('button', { name: '中文' }).click();
    await page.locator('html[lang=zh-CN]').waitFor();
    expect(await page.getByTestId('nav-teams').textContent()).toContain('团队规划');
    expect(await first.getByTestId('member-reason').textContent()).toMatch(/[\u4e00-\u9fff]/);
    const patterns = englishPatterns();
    const english = (await visibleTexts(page, '[data-testid=teams-screen]')).filter((text) =>
      patterns.some(({ pattern }) => pattern.test(text)),
    );
    expect(english).toEqual([]);
    expect(await page.getByTestId('plan-benefit').textContent()).toContain(
      translate('zh-CN', 'teams.points', { value: '' }).trim(),
    );
    await screenshot(page, 'teams-zh.png');
    await page.getByTestId('language-switch').getByRole('button', { name: 'EN' }).click();
    await page.locator('html[lang=en]').waitFor();

    // After a reload the scenario is still there and opens with the moved rep where it was put.
    await page.reload();
    await page.getByTestId('dashboard-screen').waitFor();
    await page.getByTestId('nav-teams').click();
    await page.getByTestId('teams-screen').waitFor();
    const saved = page.locator(`[data-testid=scenario-row][data-name="${name}"]`);
    await saved.waitFor();
    await saved.getByTestId('scenario-open').click();
    await page.getByTestId('scenario-on-screen').waitFor();
    await page.locator('#teams-title', { hasText: '2025' }).waitFor();
    await waitIdle(page);
    await expect.poll(() => leaderOf(page, rep)).toBe(target.leader);
    expect(await member(page, rep).getAttribute('data-moved')).toBe('true');
    expect(await movesCount(page)).toBe(movesBefore + 1);
    expect(await page.getByTestId('plan-status').getAttribute('data-status')).toBe('manual');

    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
