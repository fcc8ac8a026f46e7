import type { RankingView } from '../../../shared/api/contract';
import { formatInteger } from '../../../shared/format/format';
import { DEFAULT_WEIGHTS, KPI_BY_ID } from '../../../shared/kpi/kpi-definitions';
import { useI18n } from '../i18n/i18n';
import { kpiName } from '../i18n/domain-text';

/**
 * The ranking rule in plain words, in both languages. Mirrors the comment at the top of
 * shared/ranking/ranking.ts (mid-rank percentiles, weighted groups, k = round(n/4), no split ties).
 */
export function HowRankingWorks({ view }: { view: RankingView }) {
  const { t, locale } = useI18n();
  const n = view.rankedCount;
  const k = n < 2 ? 0 : Math.round(n / 4);
  const groups = (['results', 'activity'] as const).map((group) => ({
    group,
    kpis: view.usedKpis.filter((id) => KPI_BY_ID.get(id)?.group === group),
  }));
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
        </section>
        <section>
          <h3>{t('how.compositeTitle')}</h3>
          <p>
            {t('how.compositeBody', {
              results: DEFAULT_WEIGHTS.groups.results,
              activity: DEFAULT_WEIGHTS.groups.activity,
            })}
          </p>
          <h4 className="how__weights-title">{t('how.weightsTitle')}</h4>
          <div className="how__weights">
            {groups.map(({ group, kpis }) =>
              kpis.length > 0 ? (
                <div key={group} className="how__group">
                  <strong>
                    {group === 'results' ? t('how.groupResults') : t('how.groupActivity')} ·{' '}
                    {DEFAULT_WEIGHTS.groups[group]}%
                  </strong>
                  <ul>
                    {kpis.map((id) => (
                      <li key={id}>
                        {kpiName(locale, id)} <span className="muted">×{DEFAULT_WEIGHTS.kpis[id] ?? 0}</span>
                      </li>
                    ))}
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
        </section>
        <section>
          <h3>{t('how.eligibilityTitle')}</h3>
          <p>{t('how.eligibilityBody')}</p>
        </section>
      </div>
    </details>
  );
}
