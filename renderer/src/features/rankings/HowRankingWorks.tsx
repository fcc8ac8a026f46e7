import type { RankingView } from '../../../../shared/api/contract';
import { formatDate, formatInteger, formatList, formatPercent } from '../../../../shared/format/format';
import { KPI_BY_ID } from '../../../../shared/kpi/kpi-definitions';
import { useI18n } from '../../i18n/i18n';
import { kpiName, kpiWeight, tierMethodName } from '../../i18n/domain-text';

/**
 * The ranking rule in plain words, in both languages, with the settings this view was computed
 * with (view.settings: weights, peer group, minimums), not the defaults. Mirrors the comment at
 * the top of shared/ranking/ranking.ts (mid-rank percentiles, weighted groups, k = round(n/4)).
 */
export function HowRankingWorks({ view }: { view: RankingView }) {
  const { t, locale } = useI18n();
  const settings = view.settings;
  const n = view.rankedCount;
  const k = n < 2 ? 0 : Math.round(n / 4);
  const groupTotal = settings.weights.groups.results + settings.weights.groups.activity;
  const share = (group: 'results' | 'activity'): string =>
    formatPercent(locale, groupTotal > 0 ? settings.weights.groups[group] / groupTotal : 0, 0);
  const groups = (['results', 'activity'] as const).map((group) => {
    const kpis = view.usedKpis.filter((id) => KPI_BY_ID.get(id)?.group === group);
    const total = kpis.reduce((sum, id) => sum + kpiWeight(KPI_BY_ID.get(id)!, settings), 0);
    return { group, kpis, total };
  });
  const holidays = settings.holidays;
  return (
    <details className="card how" data-testid="how-ranking-works">
      <summary className="how__summary">
        <span className="how__icon" aria-hidden="true">
          ?
        </span>
        {t('how.title')}
      </summary>
      <div className="how__body">
        <section>
          <h3>{t('how.percentileTitle')}</h3>
          <p>{t('how.percentileBody')}</p>
          <p className="how__setting" data-testid="how-peer-group">
            {settings.peerGroup === 'company'
              ? t('how.peerCompany')
              : t('how.peerGroup', { kind: t(`peer.${settings.peerGroup}`) })}
          </p>
        </section>
        <section>
          <h3>{t('how.compositeTitle')}</h3>
          <p>{t('how.compositeBody', { results: share('results'), activity: share('activity') })}</p>
          <h4 className="how__weights-title">{t('how.weightsTitle')}</h4>
          <div className="how__weights" data-testid="how-weights">
            {groups.map(({ group, kpis, total }) =>
              kpis.length > 0 ? (
                <div key={group} className="how__group">
                  <strong>
                    {group === 'results' ? t('how.groupResults') : t('how.groupActivity')} · {share(group)}
                  </strong>
                  <ul>
                    {kpis.map((id) => {
                      const weight = kpiWeight(KPI_BY_ID.get(id)!, settings);
                      return (
                        <li key={id} data-kpi={id} data-weight={weight}>
                          {kpiName(locale, id)}{' '}
                          <span className="muted">
                            ×{formatInteger(locale, weight)} (
                            {formatPercent(locale, total > 0 ? weight / total : 0, 0)})
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                </div>
              ) : null,
            )}
          </div>
        </section>
        <section>
          <h3>{t('how.bandsTitle')}</h3>
          <p>{t('how.bandsBody')}</p>
          <p className="how__example">
            {t('how.bandsExample', { n: formatInteger(locale, n), k: formatInteger(locale, k) })}
          </p>
          {view.tieBreakers.length > 0 ? (
            <p className="how__setting" data-testid="how-tie-breakers">
              {t('how.tieBreakers', {
                kpis: formatList(
                  locale,
                  view.tieBreakers.map((id) => kpiName(locale, id)),
                ),
              })}
            </p>
          ) : null}
        </section>
        <section>
          <h3>{t('how.eligibilityTitle')}</h3>
          <p>
            {t('how.eligibilityRule', {
              deals: formatInteger(locale, settings.minClosedDeals),
              days: formatInteger(locale, settings.minActiveDays),
            })}
          </p>
          <p>{t('how.periodRule')}</p>
          <p className="how__setting">
            {holidays.length > 0
              ? t('how.holidays', {
                  count: holidays.length,
                  dates: formatList(
                    locale,
                    holidays.slice(0, 6).map((d) => formatDate(locale, d)),
                  ),
                })
              : t('how.noHolidays')}
          </p>
          <p className="how__setting">
            {t('how.tiersUsed', {
              method: tierMethodName(t, settings.tiers.method),
              target: formatList(locale, settings.tiers.target),
              touches: formatInteger(locale, settings.substantiveTouches),
            })}
          </p>
        </section>
      </div>
    </details>
  );
}
