import type { RankingView, WorkspaceInfo } from '../../../shared/api/contract';
import type { PeerGroupBy } from '../../../shared/analysis/settings';
import { formatDate, formatPeriodLabel } from '../../../shared/format/format';
import { useI18n } from '../i18n/i18n';
import { PeerGroupPicker } from './PeerGroupPicker';
import { PeriodPicker } from './PeriodPicker';

interface Props {
  titleId: string;
  title: string;
  info: WorkspaceInfo;
  period: string;
  onPeriodChange: (period: string) => void;
  peerGroup: PeerGroupBy | null;
  onPeerGroupChange: (peerGroup: PeerGroupBy) => void;
  view: RankingView | null;
}

/** The part of the workspace's data range inside the period; null when they do not meet. */
export function periodDataRange(
  range: { min: string; max: string } | null,
  period: { start: string; end: string },
): { min: string; max: string } | null {
  if (!range) return null;
  const min = range.min.slice(0, 10) > period.start ? range.min.slice(0, 10) : period.start;
  const max = range.max.slice(0, 10) < period.end ? range.max.slice(0, 10) : period.end;
  return min <= max ? { min, max } : null;
}

/** Title with the period, the data range and currency, and the period and peer-group pickers. */
export function AnalysisHeader(props: Props) {
  const { titleId, title, info, period, onPeriodChange, peerGroup, onPeerGroupChange, view } = props;
  const { t, locale } = useI18n();
  const partial = view !== null && view.period.id === period && view.partial;
  // The data of the viewed period (the workspace's range clipped to it), not of the whole workspace.
  const shown = view ? periodDataRange(info.dataRange, view.period) : info.dataRange;
  return (
    <header className="screen__header">
      <div>
        <h1 id={titleId} className="screen__title">
          {title} <span className="screen__title-period">{formatPeriodLabel(locale, period)}</span>
          {partial ? (
            <span className="pill pill--partial" title={t('dash.partialTitle')} data-testid="partial-period">
              {t('dash.partial')}
            </span>
          ) : null}
        </h1>
        <p className="screen__lead">
          {shown ? (
            <span data-testid="period-data-range">
              {t('rank.dataRange', {
                min: formatDate(locale, shown.min.slice(0, 10)),
                max: formatDate(locale, shown.max.slice(0, 10)),
              })}
            </span>
          ) : null}
          {view?.currency ? <> · {t('rank.amountsIn', { currency: view.currency })}</> : null}
          {view ? (
            <>
              {' · '}
              <span data-testid="comparison" data-available={view.comparison.available ? 'true' : 'false'}>
                {!view.support.ranked
                  ? t('dash.notRanked')
                  : view.comparison.available
                    ? t('dash.comparedWith', { period: formatPeriodLabel(locale, view.previousPeriod.id) })
                    : t('dash.noComparison', { period: formatPeriodLabel(locale, view.previousPeriod.id) })}
              </span>
            </>
          ) : null}
        </p>
      </div>
      <div className="screen__controls">
        <PeriodPicker info={info} value={period} onChange={onPeriodChange} />
        <PeerGroupPicker value={peerGroup} onChange={onPeerGroupChange} />
      </div>
    </header>
  );
}
