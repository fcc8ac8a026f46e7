import type { RankingView } from '../../../../shared/api/contract';
import { TIERS } from '../../../../shared/domain/types';
import { formatInteger, formatPercent } from '../../../../shared/format/format';
import { useI18n } from '../../i18n/i18n';
import { tierMethodName } from '../../i18n/domain-text';
import { InfoTip } from '../../ui/InfoTip';

/** The customer tiers behind coverage and the target-segment KPIs: method, accounts and share per tier. */
export function TierCard({ view }: { view: RankingView }) {
  const { t, locale } = useI18n();
  const { tiers } = view;
  const total = TIERS.reduce((sum, tier) => sum + tiers.accounts[tier], 0);
  return (
    <section className="card tier-card" aria-labelledby="tier-title" data-testid="tier-summary">
      <header className="card__header">
        <h2 id="tier-title" className="card__title">
          {t('tiers.title')} <InfoTip text={t(`tiers.methodHint.${tiers.method}`)} />
        </h2>
        <span className="pill" data-testid="tier-method" data-method={tiers.method}>
          {tierMethodName(t, tiers.method)}
        </span>
      </header>
      {!tiers.available ? <p className="hint hint--warning">{t('tiers.unavailable')}</p> : null}
      <table className="table table--compact tier-table">
        <thead>
          <tr>
            <th scope="col">{t('tiers.col.tier')}</th>
            <th scope="col" className="num">
              {t('tiers.col.accounts')}
            </th>
            <th
              scope="col"
              className="num"
              title={t(tiers.method === 'revenue' ? 'tiers.basisRevenueTitle' : 'tiers.basisScoreTitle')}
            >
              {t(tiers.method === 'revenue' ? 'tiers.col.revenueShare' : 'tiers.col.scoreShare')}
            </th>
            <th scope="col">{t('tiers.col.target')}</th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((tier) => (
            <tr key={tier} data-testid="tier-row" data-tier={tier}>
              <th scope="row">
                <span className={`tier-chip tier-chip--${tier}`}>{tier}</span>
              </th>
              <td className="num">{formatInteger(locale, tiers.accounts[tier])}</td>
              <td className="num">
                <span className="share-bar">
                  <span className="share-bar__value">{formatPercent(locale, tiers.basisShare[tier], 0)}</span>
                  <span className="share-bar__track" aria-hidden="true">
                    <span
                      className={`share-bar__fill tier-fill--${tier}`}
                      style={{
                        width: `${Math.round(Math.max(0, Math.min(1, tiers.basisShare[tier])) * 100)}%`,
                      }}
                    />
                  </span>
                </span>
              </td>
              <td>
                {tiers.target.includes(tier) ? (
                  <span className="pill pill--accent">{t('tiers.inTarget')}</span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('tiers.total')}</th>
            <td className="num">{formatInteger(locale, total)}</td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
