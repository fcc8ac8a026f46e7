import { PRACTICE_BY_ID, type PracticeId } from '../../../../shared/coaching/practice-definitions';
import type { Separation } from '../../../../shared/coaching/types';
import { NO_VALUE, formatDecimal, formatNumber, formatUnitValue } from '../../../../shared/format/format';
import type { Locale } from '../../../../shared/i18n/locale';
import { KPI_BY_ID, type KpiId, type KpiUnit } from '../../../../shared/kpi/kpi-definitions';
import type { Translate } from '../../i18n/i18n';

/** Practice names, definitions and values in the UI language, by the practice's unit. */

export function practiceName(locale: Locale, id: PracticeId): string {
  const def = PRACTICE_BY_ID.get(id);
  if (!def) return id;
  return locale === 'zh-CN' ? def.name_zh : def.name_en;
}

export function practiceUnit(id: PracticeId): KpiUnit {
  return PRACTICE_BY_ID.get(id)?.unit ?? 'count';
}

/** The hover text of a practice: name, formula, unit, direction and what it drives, one per line. */
export function practiceTitle(locale: Locale, t: Translate, id: PracticeId): string {
  const def = PRACTICE_BY_ID.get(id);
  if (!def) return id;
  const zh = locale === 'zh-CN';
  const lines = [
    zh ? def.name_zh : def.name_en,
    zh ? def.formula_zh : def.formula_en,
    `${t('kpi.unit')}: ${t(`kpi.unit.${def.unit}`)}`,
  ];
  if (def.direction === 'lower') lines.push(t('rank.lowerBetter'));
  else if (def.direction === 'higher') lines.push(t('rank.higherBetter'));
  lines.push(t('coaching.drives', { drives: zh ? def.drives_zh : def.drives_en }));
  return lines.join('\n');
}

export function formatPracticeValue(
  locale: Locale,
  id: PracticeId,
  value: number | null | undefined,
  currency: string | null,
): string {
  return formatUnitValue(locale, practiceUnit(id), value, currency);
}

/**
 * A gap in the practice's unit; a gap between two shares reads in percentage points
 * ("12.5 pts"), never as a percentage of a percentage.
 */
export function formatPracticeGap(
  locale: Locale,
  t: Translate,
  id: PracticeId,
  gap: number | null | undefined,
  currency: string | null,
): string {
  if (gap === null || gap === undefined || !Number.isFinite(gap)) return NO_VALUE;
  const unit = practiceUnit(id);
  if (unit === 'ratio') return t('coaching.points', { value: formatDecimal(locale, gap * 100, 1) });
  return formatUnitValue(locale, unit, gap, currency);
}

/** A metric of an improvement plan: a practice or a KPI id; its name and formatted values. */
export function metricName(locale: Locale, metric: string): string {
  const practice = PRACTICE_BY_ID.get(metric as PracticeId);
  if (practice) return locale === 'zh-CN' ? practice.name_zh : practice.name_en;
  const kpi = KPI_BY_ID.get(metric as KpiId);
  if (kpi) return locale === 'zh-CN' ? kpi.name_zh : kpi.name_en;
  return metric;
}

export function formatMetricValue(
  locale: Locale,
  metric: string,
  value: number | null,
  currency: string | null,
): string {
  const practice = PRACTICE_BY_ID.get(metric as PracticeId);
  const unit = practice?.unit ?? KPI_BY_ID.get(metric as KpiId)?.unit;
  return unit ? formatUnitValue(locale, unit, value, currency) : formatNumber(locale, value, 2);
}

/** The pill of a separation: distinguishing green, indicative blue, the others muted. */
export const SEPARATION_CLASS: Record<Separation, string> = {
  distinguishing: 'pill--success',
  indicative: 'pill--accent',
  no_difference: 'pill--muted',
  too_few: 'pill--warning',
};

/**
 * Percent inputs for shares: a director types 35 for 35%, the engine keeps 0.35. Every other
 * unit is edited as stored.
 */
export function inputScale(id: PracticeId): number {
  return practiceUnit(id) === 'ratio' ? 100 : 1;
}
