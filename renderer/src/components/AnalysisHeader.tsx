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

/** Title with the period, the data range and currency, and the period and peer-group pickers. */
export function AnalysisHeader(props: Props) {
  const { titleId, title, info, period, onPeriodChange, peerGroup, onPeerGroupChange, view } = props;
  const { t, locale } = useI18n();
  const partial = view !== null && view.period.id === period && view.partial;
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
          {info.dataRange
            ? t('rank.dataRange', {
                min: formatDate(locale, info.dataRange.min.slice(0, 10)),
                max: formatDate(locale, info.dataRange.max.slice(0, 10)),
              })
            : null}
          {view?.currency ? <> · {t('rank.amountsIn', { currency: view.currency })}</> : null}
          {view ? (
            <>
              {' · '}
              {t('dash.comparedWith', { period: formatPeriodLabel(locale, view.previousPeriod.id) })}
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
