import type { Notice } from '../../../shared/i18n/notice';
import type { SqliteHandle } from '../../db/open-database';
import { nameKey } from '../name-key';
import { TeamResolver } from '../resolvers';
import { readDate, type ColumnConventions } from './parse-context';
import type { FieldReader, RowOutcome, RowWriter } from './row-writer';

interface RepRow {
  id: number;
  name: string;
  external_id: string | null;
  email: string | null;
  team_id: number | null;
  region: string | null;
  manager_name: string | null;
  role: string | null;
  hire_date: string | null;
  in_roster: number;
}

/**
 * The org file: who the reps are, their team, manager, region and role. Reps are matched by
 * employee id, then email, then name, so a roster with ids links to deals owned by name.
 */
export class RepsWriter implements RowWriter {
  private readonly teams: TeamResolver;
  private readonly byExternal;
  private readonly byEmail;
  private readonly byName;
  private readonly insert;
  private readonly update;

  constructor(
    sqlite: SqliteHandle,
    _batchId: number,
    private readonly conventions: ColumnConventions,
  ) {
    this.teams = new TeamResolver(sqlite);
    const cols = 'id, name, external_id, email, team_id, region, manager_name, role, hire_date, in_roster';
    this.byExternal = sqlite.prepare<[string], RepRow>(`SELECT ${cols} FROM reps WHERE external_id = ?`);
    this.byEmail = sqlite.prepare<[string], RepRow>(`SELECT ${cols} FROM reps WHERE lower(email) = lower(?)`);
    this.byName = sqlite.prepare<[string], RepRow>(`SELECT ${cols} FROM reps WHERE name_key = ?`);
    this.insert = sqlite.prepare(
      `INSERT INTO reps (name, name_key, external_id, email, team_id, region, manager_name, role, hire_date, in_roster)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    );
    this.update = sqlite.prepare(
      `UPDATE reps SET external_id = ?, email = ?, team_id = ?, region = ?, manager_name = ?, role = ?,
       hire_date = ?, in_roster = 1 WHERE id = ?`,
    );
  }

  write(read: FieldReader): RowOutcome {
    const name = read('rep');
    if (name === null) return { rejected: { code: 'missing_owner' } };
    const hire = readDate(read('hire_date'), 'hire_date', this.conventions);
    if (!hire.ok) return { rejected: hire.notice };
    const externalId = read('external_id');
    const email = read('email');
    const manager = read('manager');
    const region = read('region');
    // Without a team column the manager's name is the team: that is how the org chart reads.
    const teamName = read('team') ?? manager;
    const teamId = teamName === null ? null : this.teams.resolve(teamName, region, manager);
    const existing =
      (externalId !== null ? this.byExternal.get(externalId) : undefined) ??
      (email !== null ? this.byEmail.get(email) : undefined) ??
      this.byName.get(nameKey(name));
    if (!existing) {
      this.insert.run(
        name.replace(/\s+/g, ' '),
        nameKey(name),
        externalId,
        email,
        teamId,
        region,
        manager,
        read('role'),
        hire.value,
      );
      return 'added';
    }
    const next = {
      external_id: externalId ?? existing.external_id,
      email: email ?? existing.email,
      team_id: teamId ?? existing.team_id,
      region: region ?? existing.region,
      manager_name: manager ?? existing.manager_name,
      role: read('role') ?? existing.role,
      hire_date: hire.value ?? existing.hire_date,
    };
    const same =
      existing.in_roster === 1 &&
      (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === existing[k]);
    if (same) return 'unchanged';
    this.update.run(
      next.external_id,
      next.email,
      next.team_id,
      next.region,
      next.manager_name,
      next.role,
      next.hire_date,
      existing.id,
    );
    return 'updated';
  }

  finish(): Notice[] {
    return [];
  }
}
