import { TIER_METHODS, type TierMethod } from '../../../shared/analysis/settings';
import { formatDate, formatPercent, formatPeriodLabel } from '../../../shared/format/format';
import type { Notice } from '../../../shared/i18n/notice';
import { useI18n, type I18n } from '../i18n/i18n';
import { tierMethodName } from '../i18n/domain-text';

interface Props {
  notices: readonly Notice[];
  testId?: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Values inside a notice in the UI language: a tier method by its name, a ratio as a percentage,
 * an ISO date as the locale writes it. Everything else is shown as the engine gave it.
 */
function localized(i18n: I18n, notice: Notice): Notice {
  if (!notice.params) return notice;
  const params: Record<string, string | number> = { ...notice.params };
  const method = params.method;
  if (typeof method === 'string' && (TIER_METHODS as readonly string[]).includes(method)) {
    params.method = tierMethodName(i18n.t, method as TierMethod);
  }
  if (notice.code === 'quota_scale_suspect' && typeof params.median === 'number') {
    params.median = formatPercent(i18n.locale, params.median, 1);
  }
  if (typeof params.date === 'string' && ISO_DAY.test(params.date)) {
    params.date = formatDate(i18n.locale, params.date);
  }
  // A period id (2024, 2024-Q3) as the locale names it.
  if (typeof params.period === 'string' && notice.code.startsWith('no_comparison')) {
    params.period = formatPeriodLabel(i18n.locale, params.period);
  }
  return { ...notice, params };
}

/** Engine notices (warnings), translated where they are shown. */
export function NoticeList({ notices, testId = 'notices' }: Props) {
  const i18n = useI18n();
  if (notices.length === 0) return null;
  return (
    <ul className="notices" data-testid={testId} aria-label={i18n.t('common.notes')}>
      {notices.map((n, i) => (
        <li key={`${n.code}-${i}`} className="notices__item" data-code={n.code}>
          <span className="notices__icon" aria-hidden="true">
            !
          </span>
          {i18n.notice(localized(i18n, n))}
        </li>
      ))}
    </ul>
  );
}
