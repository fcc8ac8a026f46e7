import { PRACTICE_BY_ID, type PracticeId } from '../shared/coaching/practice-definitions';
import type { Separation } from '../shared/coaching/types';
import type { RankingView, TierKey } from '../shared/api/contract';
import { FUNNEL_STAGES, type Band } from '../shared/domain/types';
import { NO_VALUE, formatDate, formatDecimal, formatNumber, formatUnitValue } from '../shared/format/format';
import type { Locale } from '../shared/i18n/locale';
import type { MessageKey } from '../shared/i18n/messages-en';
import { translate } from '../shared/i18n/translate';
import { DATA_NEEDS, KPI_BY_ID, type DataNeed, type KpiId } from '../shared/kpi/kpi-definitions';

/**
 * Text and figures of the printed reports in the report's language. The same catalogs and
 * formatters as the screens (shared/i18n, shared/format), so a figure prints as the app shows
 * it; the practice formatting follows the coaching screen's (renderer practice-format.ts), which
 * keeps one decimal on counts because a median of 7.5 relationships is half a gap, not a rounding.
 */
export interface ReportText {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

/**
 * The shipped font is a Chinese one, whose curly apostrophe and quotes are full width ("rep’ s"
 * with a gap, even with proportional alternates); in English text the plain apostrophe reads right.
 */
const englishPunctuation = (text: string): string => text.replace(/\u2019/g, "'");

export function reportText(locale: Locale): ReportText {
  return locale === 'en'
    ? { locale, t: (key, params) => englishPunctuation(translate(locale, key, params)) }
    : { locale, t: (key, params) => translate(locale, key, params) };
}

const zh = (locale: Locale): boolean => locale === 'zh-CN';

export function practiceName(locale: Locale, id: PracticeId): string {
  const def = PRACTICE_BY_ID.get(id);
  if (!def) return id;
  return zh(locale) ? def.name_zh : def.name_en;
}

export function kpiName(locale: Locale, id: KpiId): string {
  const def = KPI_BY_ID.get(id);
  if (!def) return id;
  return zh(locale) ? def.name_zh : def.name_en;
}

/** A practice or KPI id (an improvement plan's metric) by name. */
export function metricName(locale: Locale, metric: string): string {
  if (PRACTICE_BY_ID.has(metric as PracticeId)) return practiceName(locale, metric as PracticeId);
  if (KPI_BY_ID.has(metric as KpiId)) return kpiName(locale, metric as KpiId);
  return metric;
}

export function practiceValue(
  locale: Locale,
  id: PracticeId,
  value: number | null | undefined,
  currency: string | null,
): string {
  return formatUnitValue(locale, PRACTICE_BY_ID.get(id)?.unit ?? 'count', value, currency);
}

export function metricValue(
  locale: Locale,
  metric: string,
  value: number | null | undefined,
  currency: string | null,
): string {
  const unit = PRACTICE_BY_ID.get(metric as PracticeId)?.unit ?? KPI_BY_ID.get(metric as KpiId)?.unit;
  return unit ? formatUnitValue(locale, unit, value, currency) : formatNumber(locale, value, 2);
}

/** A gap in the practice's unit; between two shares it reads in points, never a percentage of one. */
export function practiceGap(
  text: ReportText,
  id: PracticeId,
  gap: number | null | undefined,
  currency: string | null,
): string {
  if (gap === null || gap === undefined || !Number.isFinite(gap)) return NO_VALUE;
  const unit = PRACTICE_BY_ID.get(id)?.unit ?? 'count';
  if (unit === 'ratio') return text.t('coaching.points', { value: formatDecimal(text.locale, gap * 100, 1) });
  return formatUnitValue(text.locale, unit, gap, currency);
}

export function bandName(text: ReportText, band: Band): string {
  return text.t(`band.${band}`);
}

export function separationName(text: ReportText, separation: Separation, effect: number | null): string {
  // "Distinguishing" with the top doing worse is said as such, as the coaching screen does.
  if (separation === 'distinguishing' && effect !== null && effect < 0)
    return text.t('coaching.separation.worse');
  return text.t(`coaching.separation.${separation}`);
}

/** What an unavailable figure lacks, in words: "deal amounts, quotas covering the period". */
export function missingData(locale: Locale, needs: readonly DataNeed[] | undefined): string {
  const names = (needs ?? []).map((n) => (zh(locale) ? DATA_NEEDS[n].zh : DATA_NEEDS[n].en));
  return names.join(zh(locale) ? '、' : ', ');
}

/** Clauses of a sentence one after the other: "a; b" in English, "a；b" in Chinese. */
export function joinClauses(locale: Locale, clauses: readonly string[]): string {
  return clauses.join(zh(locale) ? '；' : '; ');
}

/** The sentence that names KPIs the data cannot support, each with what it lacks. */
export function unavailableKpis(text: ReportText, ids: readonly KpiId[], view: RankingView): string {
  return text.t('report.kpis.unavailable', {
    list: joinClauses(
      text.locale,
      ids.map((id) =>
        text.t('report.kpis.needs', {
          kpi: kpiName(text.locale, id),
          needs: missingData(text.locale, view.kpiMissing[id]),
        }),
      ),
    ),
  });
}

const BAND_ORDER: Record<Band, number> = { top: 3, middle: 2, bottom: 1, unranked: 0 };

/** A band's movement since the previous period: "↑ Up", "→ Same", "New". */
export function bandMovement(text: ReportText, now: Band, before: Band | null): string {
  if (now === 'unranked') return '—';
  if (before === null || before === 'unranked') return text.t('move.new');
  const d = BAND_ORDER[now] - BAND_ORDER[before];
  return d > 0 ? `↑ ${text.t('move.up')}` : d < 0 ? `↓ ${text.t('move.down')}` : `→ ${text.t('move.same')}`;
}

/** "Team: North", "Whole company": the group a rep is ranked in. */
export function peerGroupLabel(text: ReportText, by: string, key: string | null): string {
  const { t } = text;
  if (by === 'company') return t('peer.company');
  const kind = by === 'region' ? t('peer.region') : by === 'team' ? t('peer.team') : t('peer.role');
  const name =
    key ??
    (by === 'region' ? t('peer.none.region') : by === 'team' ? t('peer.none.team') : t('peer.none.role'));
  return `${kind}: ${name}`;
}

/** The kind of group reps are ranked in, without a group's name: "Team", "Whole company". */
export function peerGroupKind(text: ReportText, by: string): string {
  return peerGroupLabel(text, by, null).split(':')[0]!;
}

/** The last day of data as a page header says it: "Data to 30 Sep 2025", or that there is none. */
export function dataEndLabel(text: ReportText, dataEnd: string | null): string {
  return dataEnd
    ? text.t('report.dataEnd', { date: formatDate(text.locale, dataEnd) })
    : text.t('report.noData');
}

/** The last day of data as a fact: the date, or that there is none. */
export function dataEndValue(text: ReportText, dataEnd: string | null): string {
  return dataEnd ? formatDate(text.locale, dataEnd) : text.t('report.noData');
}

/** Bands in the order the reports list them. */
export const BANDS: readonly Band[] = ['top', 'middle', 'bottom', 'unranked'];

/** Customer tiers as coverage counts them, accounts without a tier last. */
export const TIER_KEYS: readonly TierKey[] = ['A', 'B', 'C', 'D', 'none'];

export function tierName(text: ReportText, tier: TierKey): string {
  return tier === 'none' ? text.t('tiers.none') : text.t('tiers.tier', { tier });
}

/** A step of the funnel, from one stage to the next: "Prospect → Qualified". */
export function funnelStepName(text: ReportText, step: number): string {
  return text.t('coaching.funnel.stepName', {
    from: text.t(`funnel.${FUNNEL_STAGES[step]!}`),
    to: text.t(`funnel.${FUNNEL_STAGES[step + 1]!}`),
  });
}
