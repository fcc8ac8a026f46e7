import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/api/engine';
import { addNote, deleteNote, listNotes, listPlans, savePlan } from '../../engine/coaching/coaching-store';
import { importPaths } from '../../engine/import/import-files';
import { undoImport } from '../../engine/import/undo-import';
import { mergeReps } from '../../engine/workspace/rep-duplicates';
import { Workspace } from '../../engine/workspace/workspace';
import { defaultAnalysisSettings } from '../../shared/analysis/settings';
import { practiceValuesFor } from '../../shared/coaching/analyze-coaching';
import type { SavedGoal, TeamPracticesView } from '../../shared/coaching/types';
import { parsePeriod } from '../../shared/period/period';

const root = resolve(import.meta.dirname, '../..');
const DEMO = resolve(root, 'resources/demo');
const DEMO_FILES = readdirSync(DEMO)
  .filter((f) => f.endsWith('.csv'))
  .map((f) => resolve(DEMO, f));
const NOW = '2026-01-02T03:04:05.000Z';
const dir = mkdtempSync(join(tmpdir(), 'qc-coaching-'));

const goal: SavedGoal = {
  practice: 'substantive_relationships',
  baseline: 5,
  target: 7,
  deadline: '2025-12-31',
  period: '2025-q4',
  text: { en: 'Raise substantive relationships from 5 to 7.', zh: '将实质性客户关系数从 5 提升到 7。' },
};

let ws: Workspace;
const repId = (name: string): number =>
  ws.sqlite.prepare('SELECT id FROM reps WHERE name = ?').pluck().get(name) as number;
const count = (sql: string): number => ws.sqlite.prepare(sql).pluck().get() as number;

beforeAll(async () => {
  ws = new Workspace(join(dir, 'store.sqlite'), false);
  const imported = await importPaths(ws.sqlite, DEMO_FILES, NOW);
  expect(imported.ok).toBe(true);
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('coaching store', () => {
  it('adds, lists (newest first) and deletes notes', () => {
    const emily = repId('Emily Johnson');
    const first = addNote(
      ws.sqlite,
      { repId: emily, text: '  Call the A accounts first.\n', period: '2025-q3' },
      NOW,
    );
    expect(first).toEqual({
      ok: true,
      value: {
        noteId: expect.any(Number) as number,
        repId: emily,
        createdAt: NOW,
        // Stored normalised, and trimmed.
        period: '2025-Q3',
        text: 'Call the A accounts first.',
      },
    });
    const second = addNote(ws.sqlite, { repId: emily, text: 'Good quarter.' }, '2026-01-03T00:00:00.000Z');
    expect(second.ok && second.value.period).toBeNull();
    expect(listNotes(ws.sqlite, emily).map((n) => n.text)).toEqual([
      'Good quarter.',
      'Call the A accounts first.',
    ]);
    // Two notes in the same instant: the later one first.
    const third = addNote(ws.sqlite, { repId: emily, text: 'Same instant.' }, '2026-01-03T00:00:00.000Z');
    expect(listNotes(ws.sqlite, emily)[0]?.text).toBe('Same instant.');
    expect(listNotes(ws.sqlite, repId('Ethan Larson'))).toEqual([]);

    expect(third.ok && deleteNote(ws.sqlite, third.value.noteId)).toBe(true);
    expect(third.ok && deleteNote(ws.sqlite, third.value.noteId)).toBe(false);
    expect(listNotes(ws.sqlite, emily)).toHaveLength(2);
  });

  it('saves plans with their goals as edited, newest first, periods normalised', () => {
    const ethan = repId('Ethan Larson');
    const saved = savePlan(ws.sqlite, { repId: ethan, period: '2025-q3', goals: [goal] }, NOW);
    expect(saved).toEqual({
      ok: true,
      value: {
        planId: expect.any(Number) as number,
        repId: ethan,
        period: '2025-Q3',
        savedAt: NOW,
        goals: [{ ...goal, period: '2025-Q4' }],
      },
    });
    const edited = { ...goal, practice: 'calls_per_day' as const, baseline: 5.2, target: 5.6 };
    expect(
      savePlan(
        ws.sqlite,
        { repId: ethan, period: '2025-Q3', goals: [edited, goal] },
        '2026-02-01T00:00:00.000Z',
      ).ok,
    ).toBe(true);
    const plans = listPlans(ws.sqlite, ethan);
    expect(plans.map((p) => p.savedAt)).toEqual(['2026-02-01T00:00:00.000Z', NOW]);
    expect(plans[0]?.goals.map((g) => [g.practice, g.baseline, g.target])).toEqual([
      ['calls_per_day', 5.2, 5.6],
      ['substantive_relationships', 5, 7],
    ]);
  });

  it('returns errors as data: unknown rep, bad period, bad text or goals', () => {
    const emily = repId('Emily Johnson');
    const noRep = addNote(ws.sqlite, { repId: 999_999, text: 'x' }, NOW);
    expect(!noRep.ok && noRep.error.code).toBe('not_found');
    const noRepPlan = savePlan(ws.sqlite, { repId: 999_999, period: '2025', goals: [] }, NOW);
    expect(!noRepPlan.ok && noRepPlan.error.code).toBe('not_found');
    const badPeriod = addNote(ws.sqlite, { repId: emily, text: 'x', period: 'last spring' }, NOW);
    expect(!badPeriod.ok && badPeriod.error.code).toBe('invalid_period');
    const badGoalPeriod = savePlan(
      ws.sqlite,
      { repId: emily, period: '2025', goals: [{ ...goal, period: '2025-Q5' }] },
      NOW,
    );
    expect(!badGoalPeriod.ok && badGoalPeriod.error.code).toBe('invalid_period');
    const blank = addNote(ws.sqlite, { repId: emily, text: ' \n ' }, NOW);
    expect(!blank.ok && blank.error.code).toBe('invalid_request');
    const long = addNote(ws.sqlite, { repId: emily, text: 'x'.repeat(10_001) }, NOW);
    expect(!long.ok && long.error.code).toBe('invalid_request');
    const nan = savePlan(
      ws.sqlite,
      { repId: emily, period: '2025', goals: [{ ...goal, target: Number.NaN }] },
      NOW,
    );
    expect(!nan.ok && nan.error.code).toBe('invalid_request');
    // Nothing was written by the refused requests.
    expect(count(`SELECT count(*) FROM coaching_plans WHERE rep_id = ${emily}`)).toBe(0);
    expect(count('SELECT count(*) FROM coaching_notes WHERE rep_id = 999999')).toBe(0);
  });

  it('keeps notes and plans when the same files are imported again', async () => {
    const emily = repId('Emily Johnson');
    const before = { notes: listNotes(ws.sqlite, emily), plans: listPlans(ws.sqlite, repId('Ethan Larson')) };
    expect(before.notes).toHaveLength(2);
    const again = await importPaths(ws.sqlite, DEMO_FILES, '2026-03-01T00:00:00.000Z');
    expect(again.ok && again.value.every((f) => f.counts.added === 0)).toBe(true);
    expect(repId('Emily Johnson')).toBe(emily);
    expect(listNotes(ws.sqlite, emily)).toEqual(before.notes);
    expect(listPlans(ws.sqlite, repId('Ethan Larson'))).toEqual(before.plans);
  });

  it('keeps a rep with notes or plans, and the notes, when the import that created the rep is undone', async () => {
    const file = join(dir, 'new-hire.csv');
    writeFileSync(
      file,
      'Opportunity ID,Opportunity Owner,Stage,Amount,Close Date\nNH-1,Nora Newhire,Closed Won,1200,2025-11-05\nNH-2,Olaf Other,Closed Won,800,2025-11-06\n',
    );
    const imported = await importPaths(ws.sqlite, [file], NOW);
    expect(imported.ok).toBe(true);
    const batchId = imported.ok ? imported.value[0]!.batchId : 0;
    const nora = repId('Nora Newhire');
    expect(addNote(ws.sqlite, { repId: nora, text: 'Welcome call done.' }, NOW).ok).toBe(true);
    expect(savePlan(ws.sqlite, { repId: nora, period: '2025-Q4', goals: [goal] }, NOW).ok).toBe(true);

    const undone = undoImport(ws.sqlite, batchId);
    // Her deal is gone; she stays for her notes. Olaf, with nothing of the director's, goes.
    expect(undone).toMatchObject({ deals: 2, reps: 1 });
    expect(repId('Nora Newhire')).toBe(nora);
    expect(repId('Olaf Other')).toBeUndefined();
    expect(listNotes(ws.sqlite, nora).map((n) => n.text)).toEqual(['Welcome call done.']);
    expect(listPlans(ws.sqlite, nora)).toHaveLength(1);
    expect(ws.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('moves notes and plans to the surviving rep when two reps are merged', async () => {
    const file = join(dir, 'misspelt.csv');
    writeFileSync(
      file,
      'Opportunity ID,Opportunity Owner,Stage,Amount,Close Date\nMS-1,Emily Johnsen,Closed Won,500,2025-12-01\n',
    );
    expect((await importPaths(ws.sqlite, [file], NOW)).ok).toBe(true);
    const emily = repId('Emily Johnson');
    const johnsen = repId('Emily Johnsen');
    expect(johnsen).not.toBe(emily);
    expect(
      addNote(
        ws.sqlite,
        { repId: johnsen, text: 'Noted under the other spelling.' },
        '2026-04-01T00:00:00.000Z',
      ).ok,
    ).toBe(true);
    expect(savePlan(ws.sqlite, { repId: johnsen, period: '2025-Q4', goals: [goal] }, NOW).ok).toBe(true);
    const emilyNotes = listNotes(ws.sqlite, emily).length;

    expect(mergeReps(ws.sqlite, johnsen, emily)).toBe(true);
    expect(repId('Emily Johnsen')).toBeUndefined();
    const notes = listNotes(ws.sqlite, emily);
    expect(notes).toHaveLength(emilyNotes + 1);
    expect(notes[0]).toMatchObject({ repId: emily, text: 'Noted under the other spelling.' });
    expect(listPlans(ws.sqlite, emily).map((p) => p.repId)).toEqual([emily]);
    expect(count(`SELECT count(*) FROM coaching_notes WHERE rep_id = ${johnsen}`)).toBe(0);
    expect(count(`SELECT count(*) FROM coaching_plans WHERE rep_id = ${johnsen}`)).toBe(0);
  });
});

describe('coaching handlers', () => {
  let tick = 0;
  const engineDir = mkdtempSync(join(tmpdir(), 'qc-coaching-engine-'));
  // A clock that moves a second per call, so notes written one after another have distinct dates.
  const engine = new Engine({
    dataDir: engineDir,
    resourcesDir: resolve(root, 'resources'),
    now: () => new Date(Date.UTC(2026, 0, 2, 3, 4, tick++)),
  });
  afterAll(() => {
    engine.close();
    rmSync(engineDir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    const demo = await engine.handlers['workspace.openDemo']({});
    expect(demo.ok).toBe(true);
  });

  it('coaching.team: the demo team view separates top from bottom on substantive relationships', async () => {
    const team = await engine.call('coaching.team', { period: '2025' });
    expect(team.ok).toBe(true);
    if (!team.ok) return;
    const view = team.value as TeamPracticesView;
    expect(view.topBy).toBe('results');
    expect(view.counts.top).toBeGreaterThan(0);
    expect(view.reps).toHaveLength(view.counts.top + view.counts.middle + view.counts.bottom);
    const rel = view.practices.find((p) => p.practice === 'substantive_relationships')!;
    expect(rel.topMedian).toBeGreaterThan(rel.bottomMedian!);
    expect(rel.effectSize).toBeGreaterThan(0);
    const byComposite = await engine.handlers['coaching.team']({ period: '2025', topBy: 'composite' });
    expect(byComposite.ok && byComposite.value.topBy).toBe('composite');
  });

  it('coaching.rep: gaps, plan, then a saved plan checked against its period and notes, newest first', async () => {
    const team = await engine.handlers['coaching.team']({ period: '2025-Q3' });
    if (!team.ok) throw new Error(team.error.message);
    const bottom = team.value.reps.find((r) => r.band === 'bottom')!;
    const first = await engine.handlers['coaching.rep']({ period: '2025-Q3', repId: bottom.repId });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.rep).toMatchObject({ repId: bottom.repId, name: bottom.rep });
    expect(first.value.plan.goals.length).toBeGreaterThan(0);
    expect(first.value.plan.improvementPlan).not.toBeNull();
    expect(first.value.savedPlans).toEqual([]);
    expect(first.value.notes).toEqual([]);

    const goals: SavedGoal[] = first.value.plan.goals.map((g) => ({
      practice: g.practice,
      baseline: g.current,
      target: g.target,
      deadline: g.deadline,
      period: g.period.id,
      text: g.text,
    }));
    // The director edits the first goal's target.
    goals[0] = { ...goals[0]!, target: goals[0]!.target * 1.1 };
    const saved = await engine.call('coaching.savePlan', { repId: bottom.repId, period: '2025-Q3', goals });
    expect(saved.ok).toBe(true);
    expect(saved.ok && (saved.value as { savedAt: string }).savedAt).toMatch(/^2026-01-02T03:04:/);

    const n1 = await engine.call('coaching.addNote', {
      repId: bottom.repId,
      text: 'First talk.',
      period: '2025-Q3',
    });
    const n2 = await engine.call('coaching.addNote', { repId: bottom.repId, text: 'Second talk.' });
    expect(n1.ok && n2.ok).toBe(true);

    const again = await engine.handlers['coaching.rep']({ period: '2025-Q3', repId: bottom.repId });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.notes.map((n) => n.text)).toEqual(['Second talk.', 'First talk.']);
    expect(again.value.savedPlans).toHaveLength(1);
    const { plan, checks } = again.value.savedPlans[0]!;
    expect(plan.goals[0]!.target).toBeCloseTo(first.value.plan.goals[0]!.target * 1.1, 9);
    // Each goal against the rep's own 2025-Q4 values; the demo's data runs to 2025-12-31, so Q4 is over.
    const q4 = parsePeriod('2025-Q4');
    if (!q4.ok) throw new Error('period');
    const ws = engine.currentWorkspace.getWorkingSet();
    const index = ws.reps.findIndex((r) => r.id === bottom.repId);
    const values = practiceValuesFor(ws, q4.value, defaultAnalysisSettings())[index]!;
    expect(checks.map((c) => c.practice)).toEqual(goals.map((g) => g.practice));
    for (const c of checks) {
      expect(c.actual).toBe(values[c.practice]);
      expect(c.status === 'pending').toBe(c.actual === null);
      if (c.actual !== null) expect(['met', 'progressing', 'missed']).toContain(c.status);
    }

    const deleted = await engine.call('coaching.deleteNote', {
      noteId: n2.ok ? (n2.value as { noteId: number }).noteId : 0,
    });
    expect(deleted).toEqual({ ok: true, value: { deleted: true } });
    const twice = await engine.handlers['coaching.deleteNote']({ noteId: 999_999 });
    expect(twice).toEqual({ ok: true, value: { deleted: false } });
  });

  it('returns errors as data: unknown rep, bad period, malformed payloads', async () => {
    const noRep = await engine.handlers['coaching.rep']({ period: '2025', repId: 999_999 });
    expect(!noRep.ok && noRep.error.code).toBe('not_found');
    const badPeriod = await engine.handlers['coaching.team']({ period: '2025-Q9' });
    expect(!badPeriod.ok && badPeriod.error.code).toBe('invalid_period');
    const badRepPeriod = await engine.handlers['coaching.rep']({ period: 'soon', repId: 1 });
    expect(!badRepPeriod.ok && badRepPeriod.error.code).toBe('invalid_period');
    const extra = await engine.call('coaching.addNote', { repId: 1, text: 'x', createdAt: '1999-01-01' });
    expect(!extra.ok && extra.error.code).toBe('invalid_request');
    const noteNoRep = await engine.call('coaching.addNote', { repId: 999_999, text: 'x' });
    expect(!noteNoRep.ok && noteNoRep.error.code).toBe('not_found');
  });
});
