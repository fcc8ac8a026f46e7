import type { ColumnMapping } from './mapping-types';
import type { FileKind } from '../domain/types';
import { currencyInText, parseAmount } from './parse-number';

/**
 * The currency of a file's amounts (issue #12: amounts shown with no unit). In order: a currency
 * column; the amount column's header (`Deal Value, $`, `Amount (EUR)`, `金额（元）`); the
 * amounts themselves when those that carry a currency all carry the same one (`€ 1.200`); else
 * the workspace's currency, which the user gave once (asked on the mapping screen, changed in
 * Settings). A row's own currency (its currency cell, a `$` in its amount) still wins for that row.
 */
export interface FileCurrency {
  code: string;
  source: 'column' | 'header' | 'values' | 'workspace';
}

/** The amount field of each kind whose amounts take a currency. */
const AMOUNT_FIELD: Partial<Record<FileKind, string>> = { deals: 'amount', quotas: 'quota' };

function column(headers: readonly string[], rows: readonly (readonly string[])[], header: string): string[] {
  const index = headers.indexOf(header);
  return index < 0 ? [] : rows.map((r) => (r[index] ?? '').trim()).filter((v) => v !== '');
}

export function fileCurrency(
  kind: FileKind | null,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  workspaceCurrency: string | null,
): FileCurrency | null {
  const amountField = kind ? AMOUNT_FIELD[kind] : undefined;
  if (!amountField) return null;
  const currencyColumn = mapping.currency ?? null;
  if (currencyColumn) {
    const codes = column(headers, rows, currencyColumn).map((v) => v.toUpperCase());
    if (codes.length > 0 && codes.every((c) => c === codes[0]) && /^[A-Z]{3}$/.test(codes[0] as string))
      return { code: codes[0] as string, source: 'column' };
  }
  const amountHeader = mapping[amountField] ?? null;
  const inHeader = amountHeader ? currencyInText(amountHeader) : null;
  if (inHeader) return { code: inHeader, source: 'header' };
  if (amountHeader) {
    const said = new Set(
      column(headers, rows, amountHeader)
        .map((v) => parseAmount(v).currency)
        .filter((c): c is string => c !== null),
    );
    if (said.size === 1) return { code: [...said][0] as string, source: 'values' };
  }
  return workspaceCurrency ? { code: workspaceCurrency, source: 'workspace' } : null;
}

/**
 * Whether the mapping screen must ask which currency the amounts are in: the file has amounts,
 * nothing above says their currency and the workspace has none yet (asked once per workspace).
 * A currency column that is filled in on some rows only is not asked about.
 */
export function currencyNeeded(
  kind: FileKind | null,
  mapping: ColumnMapping,
  found: FileCurrency | null,
): boolean {
  return kind === 'deals' && Boolean(mapping.amount) && !mapping.currency && found === null;
}

/** An ISO 4217 code as the workspace setting takes it: three capital letters. */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value);
}
