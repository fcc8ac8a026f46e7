import type { Band, FileKind, UnrankedReason } from '../../../shared/domain/types';
import type { FieldSpec } from '../../../shared/import/field-catalog';
import type { Locale } from '../../../shared/i18n/locale';
import { translate } from '../../../shared/i18n/translate';
import { KPI_BY_ID, type KpiDefinition, type KpiId } from '../../../shared/kpi/kpi-definitions';

/** Names from the shared registries (KPIs, fields, kinds, bands) in the UI language. */

export function kpiName(locale: Locale, id: KpiId): string {
  const def = KPI_BY_ID.get(id);
  if (!def) return id;
  return locale === 'zh-CN' ? def.name_zh : def.name_en;
}

export function kpiFormula(locale: Locale, def: KpiDefinition): string {
  return locale === 'zh-CN' ? def.formula_zh : def.formula_en;
}

export function fieldLabel(locale: Locale, field: FieldSpec): string {
  return locale === 'zh-CN' ? field.label_zh : field.label_en;
}

export function kindName(locale: Locale, kind: FileKind): string {
  return translate(locale, `kind.${kind}`);
}

export function bandName(locale: Locale, band: Band): string {
  return translate(locale, `band.${band}`);
}

export function unrankedReasonText(locale: Locale, reason: UnrankedReason | null): string {
  return reason ? translate(locale, `unranked.${reason}`) : translate(locale, 'band.unranked');
}
