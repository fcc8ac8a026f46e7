import { useState } from 'react';
import { formatCurrency } from '../../../../shared/format/format';
import type { CoverageSuggestion } from '../../../../shared/teams/types';
import { useI18n } from '../../i18n/i18n';
import { BandBadge } from '../../ui/BandBadge';
import { InfoTip } from '../../ui/InfoTip';

interface Props {
  coverage: readonly CoverageSuggestion[];
  currency: string | null;
}

/** Tier-A accounts held by bottom-quartile or unranked reps, with who could take them: suggestions only. */
/** Enough rows to see the pattern; the rest on request, so the card does not bury the page. */
const FIRST_ROWS = 8;

export function CoverageCard({ coverage, currency }: Props) {
  const { t, locale } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? coverage : coverage.slice(0, FIRST_ROWS);
  return (
    <section className="card coverage" aria-labelledby="coverage-title" data-testid="coverage-card">
      <header className="card__header">
        <h2 id="coverage-title" className="card__title">
          {t('teams.coverage.title')} <InfoTip text={t('teams.coverage.definition')} />
        </h2>
      </header>
      <p className="hint">{t('teams.coverage.lead')}</p>
      {coverage.length === 0 ? (
        <p className="empty">{t('teams.coverage.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table table--compact coverage__table">
            <thead>
              <tr>
                <th scope="col">{t('teams.coverage.account')}</th>
                <th scope="col">{t('teams.coverage.owner')}</th>
                <th scope="col" className="num">
                  {t('teams.coverage.won')}
                </th>
                <th scope="col" className="num">
                  {t('teams.coverage.open')}
                </th>
                <th scope="col">{t('teams.coverage.suggested')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
                <tr key={c.accountIndex} data-testid="coverage-row">
                  <th scope="row">{c.account}</th>
                  <td>
                    <span className="coverage__owner">
                      {c.owner} <BandBadge band={c.ownerBand} />
                    </span>
                  </td>
                  <td className="num">{formatCurrency(locale, c.wonInPeriod, currency)}</td>
                  <td className="num">{formatCurrency(locale, c.openPipeline, currency)}</td>
                  <td>
                    {c.suggested ?? <span className="muted">{t('teams.coverage.nobody')}</span>}
                    <span className="coverage__why">{t(`teams.coverage.reason.${c.reason}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {coverage.length > FIRST_ROWS ? (
            <button
              type="button"
              className="button button--small button--ghost coverage__more"
              aria-expanded={all}
              onClick={() => setAll((a) => !a)}
              data-testid="coverage-more"
            >
              {all ? t('teams.coverage.showFewer') : t('teams.coverage.showAll', { count: coverage.length })}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
