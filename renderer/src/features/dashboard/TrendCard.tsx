import { Suspense, lazy, useMemo, useState } from 'react';
import type { TrendView } from '../../../../shared/api/contract';
import { formatInteger, formatList, formatPeriodLabel } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import type { AnalysisQuery } from '../../analysis/use-analysis';
import { BandDot } from '../../ui/BandBadge';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { InfoTip } from '../../ui/InfoTip';
import { MovementMark } from '../../ui/MovementMark';

const TrendChart = lazy(() => import('./DashboardCharts').then((m) => ({ default: m.TrendChart })));

const MOVE_ORDER = { up: 0, down: 1, same: 2 } as const;

/** The team's headline figures over the last N periods, as small multiples. */
export function TrendCard({ trend, currency }: { trend: AnalysisQuery<TrendView>; currency: string | null }) {
  const { t } = useI18n();
  const data = trend.data;
  return (
    <section
      className={`card trend-card ${trend.loading ? 'is-stale' : ''}`}
      aria-labelledby="trend-title"
      aria-busy={trend.loading}
      data-testid="trend"
    >
      <header className="card__header">
        <h2 id="trend-title" className="card__title">
          {t('trend.title', { count: data?.periods.length ?? 0 })} <InfoTip text={t('trend.definition')} />
        </h2>
      </header>
      {trend.error ? <ErrorMessage error={trend.error} onRetry={trend.retry} testId="trend-error" /> : null}
      {data ? (
        <Suspense fallback={<div className="chart chart--trend" aria-hidden="true" />}>
          <TrendChart trend={data} currency={currency} />
        </Suspense>
      ) : !trend.error ? (
        <div className="chart chart--trend" aria-hidden="true" />
      ) : null}
    </section>
  );
}

/** Each rep's band in each of the last N periods, and who moved up or down into the viewed one. */
export function StabilityCard({ trend }: { trend: AnalysisQuery<TrendView> }) {
  const { t, locale } = useI18n();
  const [moversOnly, setMoversOnly] = useState(false);
  const data = trend.data;
  const reps = useMemo(() => {
    if (!data) return [];
    return [...data.reps].sort((a, b) => {
      const ma = a.movement === null ? 3 : MOVE_ORDER[a.movement];
      const mb = b.movement === null ? 3 : MOVE_ORDER[b.movement];
      return ma - mb || a.rep.localeCompare(b.rep, locale);
    });
  }, [data, locale]);
  if (!data) return null;
  const up = reps.filter((r) => r.movement === 'up').length;
  const down = reps.filter((r) => r.movement === 'down').length;
  const same = reps.filter((r) => r.movement === 'same').length;
  const shown = moversOnly ? reps.filter((r) => r.movement === 'up' || r.movement === 'down') : reps;
  // Periods in which nobody was ranked (before the data starts) are left out of the table.
  const columns = data.periods
    .map((period, i) => ({ period, i }))
    .filter(({ i }) => i === data.periods.length - 1 || data.reps.some((r) => r.bands[i] !== 'unranked'));
  const empty = data.periods.filter((_, i) => !columns.some((c) => c.i === i));
  const last = data.periods.length - 1;
  return (
    <section
      className={`card stability-card ${trend.loading ? 'is-stale' : ''}`}
      aria-labelledby="stability-title"
      data-testid="stability"
    >
      <header className="card__header">
        <h2 id="stability-title" className="card__title">
          {t('stability.title')} <InfoTip text={t('stability.definition')} />
        </h2>
        <div className="stability__summary">
          <span className="movement movement--up" data-testid="stability-up" data-value={up}>
            ▲ {t('stability.up', { count: formatInteger(locale, up) })}
          </span>
          <span className="movement movement--down" data-testid="stability-down" data-value={down}>
            ▼ {t('stability.down', { count: formatInteger(locale, down) })}
          </span>
          <span className="movement movement--same">
            = {t('stability.same', { count: formatInteger(locale, same) })}
          </span>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={moversOnly}
              onChange={(e) => setMoversOnly(e.target.checked)}
              data-testid="stability-movers"
            />
            {t('stability.moversOnly')}
          </label>
        </div>
      </header>
      <div className="table-scroll table-scroll--stability" tabIndex={0}>
        <table className="table table--compact stability" data-testid="stability-table">
          <thead>
            <tr>
              <th scope="col">{t('rank.col.rep')}</th>
              <th scope="col">{t('rank.col.team')}</th>
              {columns.map(({ period, i }) => (
                <th key={period.id} scope="col" className={i === last ? 'is-current' : ''}>
                  {formatPeriodLabel(locale, period.id)}
                </th>
              ))}
              <th scope="col">{t('rank.col.movement')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.repId} data-testid="stability-row" data-movement={r.movement ?? ''}>
                <th scope="row">{r.rep}</th>
                <td>{r.team ?? <span className="muted">{t('rank.noTeam')}</span>}</td>
                {columns.map(({ period, i }) => (
                  <td key={period.id} className={i === last ? 'is-current' : ''}>
                    <BandDot band={r.bands[i] ?? 'unranked'} />
                  </td>
                ))}
                <td>
                  <MovementMark movement={r.movement} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!data.comparison.available ? (
        <p className="hint" data-testid="stability-no-movement">
          {t(`stability.noMovement.${data.comparison.reason ?? 'not_ranked'}`, {
            period: formatPeriodLabel(locale, data.periods[last - 1]?.id ?? data.periods[last]!.id),
          })}
        </p>
      ) : shown.length === 0 ? (
        <p className="empty">{t('stability.nobodyMoved')}</p>
      ) : null}
      {empty.length > 0 ? (
        <p className="hint stability__hint" data-testid="stability-empty-periods">
          {t('stability.noData', {
            periods: formatList(
              locale,
              empty.map((p) => formatPeriodLabel(locale, p.id)),
            ),
          })}
        </p>
      ) : null}
    </section>
  );
}
