import type { Notice } from '../../../shared/i18n/notice';
import { parseEmployees, parseLevel } from '../../../shared/import/parse-level';
import type { Selectable } from 'kysely';
import type { SqliteHandle } from '../../db/open-database';
import type { AccountsTable } from '../../db/schema';
import { nameKey } from '../name-key';
import { RepResolver } from '../resolvers';
import { readAmount, type ColumnConventions } from './parse-context';
import type { FieldReader, RowOutcome, RowWriter } from './row-writer';

/** What an account row is compared with: the account's own columns (engine/db/schema.ts). */
const ACCOUNT_COLUMNS = [
  'id',
  'external_id',
  'industry',
  'tier',
  'annual_revenue',
  'owner_rep_id',
  'employees',
  'authority',
  'need',
] as const satisfies readonly (keyof AccountsTable)[];

type AccountRow = Pick<Selectable<AccountsTable>, (typeof ACCOUNT_COLUMNS)[number]>;

const ROW_COLUMNS = ACCOUNT_COLUMNS.join(', ');

export class AccountsWriter implements RowWriter {
  private readonly reps: RepResolver;
  private readonly find;
  private readonly insert;
  private readonly update;
  private readonly findExternal;
  private readonly rename;

  constructor(
    sqlite: SqliteHandle,
    private readonly batchId: number,
    private readonly conventions: ColumnConventions,
  ) {
    this.reps = new RepResolver(sqlite, this.batchId);
    // Raw prepared statements: run for each row of an accounts file, prepared once; Kysely would
    // build and prepare each query per row (the import writers' hot path, docs/architecture.md).
    this.find = sqlite.prepare<[string], AccountRow>(
      `SELECT ${ROW_COLUMNS} FROM accounts WHERE name_key = ?`,
    );
    this.insert = sqlite.prepare(
      `INSERT INTO accounts (name, name_key, external_id, industry, tier, annual_revenue, owner_rep_id,
         employees, authority, need, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.update = sqlite.prepare(
      `UPDATE accounts SET external_id = ?, industry = ?, tier = ?, annual_revenue = ?, owner_rep_id = ?,
         employees = ?, authority = ?, need = ? WHERE id = ?`,
    );
    this.findExternal = sqlite.prepare<[string], AccountRow>(
      `SELECT ${ROW_COLUMNS} FROM accounts WHERE external_id = ? ORDER BY id LIMIT 1`,
    );
    this.rename = sqlite.prepare<[string, string, string, number]>(
      'UPDATE accounts SET name = ?, name_key = ?, external_id = ? WHERE id = ?',
    );
  }

  /**
   * The account this row describes: by name, by CRM id, or a placeholder an earlier deals file
   * created from the id alone (orders naming "676" before the reseller list said who 676 is),
   * which then takes the real name.
   */
  private existing(name: string, externalId: string | null): AccountRow | undefined {
    const byName = this.find.get(nameKey(name));
    if (byName || externalId === null) return byName;
    const byId = this.findExternal.get(externalId);
    if (byId) return byId;
    const placeholder = this.find.get(nameKey(externalId));
    if (placeholder && placeholder.external_id === null) {
      this.rename.run(name.replace(/\s+/g, ' '), nameKey(name), externalId, placeholder.id);
      return { ...placeholder, external_id: externalId };
    }
    return undefined;
  }

  write(read: FieldReader): RowOutcome {
    const name = read('account');
    if (name === null)
      return {
        rejected: {
          code: 'missing_required',
          params: { field: this.conventions.headers.account ?? 'account' },
        },
      };
    const revenue = readAmount(read('annual_revenue'), 'annual_revenue', this.conventions);
    if (!revenue.ok) return { rejected: revenue.notice };
    // A count of employees that is no number is refused like any number; a level the text does
    // not tell (authority, need) is only unknown: free text must not cost the account its row.
    const employeesText = read('employees');
    const employees =
      employeesText === null ? null : parseEmployees(employeesText, this.conventions.decimalStyle.employees);
    if (employees !== null && Number.isNaN(employees)) {
      return {
        rejected: {
          code: 'invalid_number',
          params: {
            value: employeesText as string,
            field: this.conventions.headers.employees ?? 'employees',
          },
        },
      };
    }
    const level = (field: 'authority' | 'need'): number | null => {
      const text = read(field);
      return text === null ? null : parseLevel(text);
    };
    const owner = read('owner');
    const next = {
      external_id: read('external_id'),
      industry: read('industry'),
      tier: read('tier'),
      annual_revenue: revenue.value.value,
      owner_rep_id: owner === null ? null : this.reps.resolve(owner),
      employees,
      authority: level('authority'),
      need: level('need'),
    };
    const existing = this.existing(name, next.external_id);
    if (!existing) {
      this.insert.run(
        name.replace(/\s+/g, ' '),
        nameKey(name),
        next.external_id,
        next.industry,
        next.tier,
        next.annual_revenue,
        next.owner_rep_id,
        next.employees,
        next.authority,
        next.need,
        this.batchId,
      );
      return 'added';
    }
    const merged = {
      external_id: next.external_id ?? existing.external_id,
      industry: next.industry ?? existing.industry,
      tier: next.tier ?? existing.tier,
      annual_revenue: next.annual_revenue ?? existing.annual_revenue,
      owner_rep_id: next.owner_rep_id ?? existing.owner_rep_id,
      employees: next.employees ?? existing.employees,
      authority: next.authority ?? existing.authority,
      need: next.need ?? existing.need,
    };
    if ((Object.keys(merged) as (keyof typeof merged)[]).every((k) => merged[k] === existing[k]))
      return 'unchanged';
    this.update.run(
      merged.external_id,
      merged.industry,
      merged.tier,
      merged.annual_revenue,
      merged.owner_rep_id,
      merged.employees,
      merged.authority,
      merged.need,
      existing.id,
    );
    return 'updated';
  }

  finish(): Notice[] {
    return [];
  }
}
