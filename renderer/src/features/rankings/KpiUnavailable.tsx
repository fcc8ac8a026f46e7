import type { RankingView } from '../../../../shared/api/contract';
import { formatList } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { dataNeedText, kpiFormula, kpiName } from '../../i18n/domain-text';
import { unavailableKpis } from '../../analysis/ranking-model';

/** The KPIs this period cannot compute, each with the data it lacks: shown as missing, never as 0. */
export function KpiUnavailable({ view }: { view: RankingView }) {
  const { t, locale } = useI18n();
  const missing = unavailableKpis(view);
  if (missing.length === 0) return null;
  return (
    <details className="card disclosure-card" data-testid="kpi-unavailable">
      <summary className="disclosure-card__summary">
        {t('rank.unavailableTitle', { count: missing.length })}
        <span className="muted">{t('rank.unavailableHint')}</span>
      </summary>
      <ul className="unavailable">
        {missing.map(({ def, needs }) => (
          <li key={def.id} data-kpi={def.id} title={kpiFormula(locale, def)}>
            <strong>{kpiName(locale, def.id)}</strong>
            <span className="muted">
              {' '}
              {t('rank.needs', {
                needs: formatList(
                  locale,
                  needs.map((n) => dataNeedText(locale, n)),
                ),
              })}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
