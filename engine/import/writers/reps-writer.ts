import type { Notice } from '../../../shared/i18n/notice';
import type { Selectable } from 'kysely';
import type { SqliteHandle } from '../../db/open-database';
import type { RepsTable } from '../../db/schema';
import { mergeRep } from '../merge-reps';
import { nameKey } from '../name-key';
import { TeamResolver } from '../resolvers';
import { readDate, type ColumnConventions } from './parse-context';
import type { FieldReader, RowOutcome, RowWriter } from './row-writer';

/** What a roster row is compared with: the rep's own columns (engine/db/schema.ts). */
const REP_COLUMNS = [
  'id',
  'name',
  'external_id',
  'email',
  'team_id',
  'region',
  'manager_name',
  'role',
  'hire_date',
  'in_roster',
] as const satisfies readonly (keyof RepsTable)[];

type RepRow = Pick<Selectable<RepsTable>, (typeof REP_COLUMNS)[number]>;

/**
 * The org file: who the reps are, their team, manager, region and role. Reps are matched by any
 * id or email a file gave them (rep_aliases), then by name, so a roster with ids links to deals
 * owned by name, by CRM user id or by employee key alike.
 */
export class RepsWriter implements RowWriter {
  private readonly teams: TeamResolver;
  private readonly byAlias;
  private readonly byName;
  private readonly byId;
  private readonly insert;
  private readonly update;
  private readonly addAlias;
  private readonly aliasOwner;

  constructor(
    private readonly sqlite: SqliteHandle,
    private readonly batchId: number,
    private readonly conventions: ColumnConventions,
  ) {
    this.teams = new TeamResolver(sqlite);
    // Raw prepared statements: run for each row of an org file, prepared once; Kysely would build
    // and prepare each query per row (the import writers' hot path, docs/architecture.md).
    const cols = REP_COLUMNS.join(', ');
    this.byAlias = sqlite.prepare<[string], RepRow>(
      `SELECT ${cols} FROM reps WHERE id = (SELECT rep_id FROM rep_aliases WHERE alias = ?)`,
    );
    this.byName = sqlite.prepare<[string], RepRow>(`SELECT ${cols} FROM reps WHERE name_key = ?`);
    this.byId = sqlite.prepare<[number], RepRow>(`SELECT ${cols} FROM reps WHERE id = ?`);
    this.insert = sqlite.prepare(
      `INSERT INTO reps (name, name_key, external_id, email, team_id, region, manager_name, role, hire_date, in_roster, batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    );
    this.update = sqlite.prepare(
      `UPDATE reps SET external_id = ?, email = ?, team_id = ?, region = ?, manager_name = ?, role = ?,
       hire_date = ?, in_roster = 1 WHERE id = ?`,
    );
    this.addAlias = sqlite.prepare(
      'INSERT INTO rep_aliases (alias, rep_id, source) VALUES (?, ?, ?) ON CONFLICT(alias) DO UPDATE SET rep_id = excluded.rep_id',
    );
    this.aliasOwner = sqlite.prepare<[string], { rep_id: number }>(
      'SELECT rep_id FROM rep_aliases WHERE alias = ?',
    );
  }

  write(read: FieldReader): RowOutcome {
    const name = read('rep');
    if (name === null) return { rejected: { code: 'missing_owner' } };
    const hire = readDate(read('hire_date'), 'hire_date', this.conventions);
    if (!hire.ok) return { rejected: hire.notice };
    const ids = [read('external_id'), read('alt_id')].filter((v): v is string => v !== null);
    const email = read('email')?.toLowerCase() ?? null;
    const manager = read('manager');
    const region = read('region');
    // Without a team column the manager's name is the team: that is how the org chart reads.
    const teamName = read('team') ?? manager;
    const teamId = teamName === null ? null : this.teams.resolve(teamName, region, manager);
    const existing =
      ids.map((id) => this.byAlias.get(id)).find((r) => r !== undefined) ??
      (email !== null ? this.byAlias.get(email) : undefined) ??
      this.byName.get(nameKey(name));
    let outcome: 'added' | 'updated' | 'unchanged';
    let repId: number;
    if (!existing) {
      repId = Number(
        this.insert.run(
          name.replace(/\s+/g, ' '),
          nameKey(name),
          ids[0] ?? null,
          email,
          teamId,
          region,
          manager,
          read('role'),
          hire.value,
          this.batchId,
        ).lastInsertRowid,
      );
      outcome = 'added';
    } else {
      repId = existing.id;
      const next = {
        external_id: ids[0] ?? existing.external_id,
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
      outcome = same ? 'unchanged' : 'updated';
      if (!same) {
        this.update.run(
          next.external_id,
          next.email,
          next.team_id,
          next.region,
          next.manager_name,
          next.role,
          next.hire_date,
          repId,
        );
      }
    }
    for (const id of ids) this.claim(id, 'id', repId);
    if (email !== null) this.claim(email, 'email', repId);
    return outcome;
  }

  /**
   * Records an id or email as this rep's. A rep created earlier from that id alone (a deals file
   * owned by "285" imported before the roster) is the same person: merge it in.
   */
  private claim(alias: string, source: 'id' | 'email', repId: number): void {
    const owner = this.aliasOwner.get(alias)?.rep_id;
    if (owner === repId) return;
    const placeholder = this.byName.get(nameKey(alias));
    if (placeholder && placeholder.id !== repId && placeholder.in_roster === 0)
      mergeRep(this.sqlite, placeholder.id, repId);
    if (owner !== undefined && owner !== repId && this.byId.get(owner)?.in_roster === 0)
      mergeRep(this.sqlite, owner, repId);
    this.addAlias.run(alias, repId, source);
  }

  finish(): Notice[] {
    return [];
  }
}
