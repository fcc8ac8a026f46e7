import type { AnalysisSettings, PeerGroupBy, TierMethod } from '../../../shared/analysis/settings';
import type { Band, FileKind, UnrankedReason } from '../../../shared/domain/types';
import type { FieldSpec } from '../../../shared/import/field-catalog';
import type { Locale } from '../../../shared/i18n/locale';
import { translate } from '../../../shared/i18n/translate';
import {
  DATA_NEEDS,
  KPI_BY_ID,
  type DataNeed,
  type KpiDefinition,
  type KpiId,
} from '../../../shared/kpi/kpi-definitions';
import type { Translate } from './i18n';

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

/** A peer group by name; the group without a name reads "No team" / "No region" / "No role". */
export function peerGroupName(t: Translate, by: PeerGroupBy, key: string | null): string {
  if (key !== null) return key;
  return by === 'company' ? t('peer.company') : t(`peer.none.${by}`);
}

export function tierMethodName(t: Translate, method: TierMethod): string {
  return t(`tiers.method.${method}`);
}

export function dataNeedText(locale: Locale, need: DataNeed): string {
  const text = DATA_NEEDS[need];
  return locale === 'zh-CN' ? text.zh : text.en;
}

/** The weight a KPI carries with these settings (0 for KPIs that are shown, not ranked). */
export function kpiWeight(def: KpiDefinition, settings: AnalysisSettings): number {
  if (def.direction === 'none') return 0;
  return settings.weights.kpis[def.id] ?? def.defaultWeight;
}

/**
 * Everything a KPI header says on hover: name, formula, unit, direction and weight, one per line.
 */
export function kpiHeaderTitle(
  locale: Locale,
  t: Translate,
  def: KpiDefinition,
  settings: AnalysisSettings,
): string {
  const lines = [
    kpiName(locale, def.id),
    kpiFormula(locale, def),
    `${t('kpi.unit')}: ${t(`kpi.unit.${def.unit}`)}`,
  ];
  if (def.direction === 'none') {
    lines.push(t('rank.notRankedKpi'));
  } else {
    lines.push(def.direction === 'lower' ? t('rank.lowerBetter') : t('rank.higherBetter'));
    const weight = kpiWeight(def, settings);
    lines.push(
      weight > 0
        ? t('kpi.weightLine', {
            weight,
            group: def.group === 'results' ? t('how.groupResults') : t('how.groupActivity'),
          })
        : t('kpi.weightZero'),
    );
  }
  return lines.join('\n');
}

/** "8 of 10 working days": a minimum the rep did not meet. */
export function unrankedDetailText(
  t: Translate,
  reason: UnrankedReason | null,
  detail: { actual: number; min: number } | null,
): string {
  if (!detail) return '';
  if (reason === 'too_few_active_days') return t('unranked.detail.days', detail);
  if (reason === 'no_closed_deals') return t('unranked.detail.deals', detail);
  return t('unranked.detail.other', detail);
}
