import type { RankingView } from '../../../shared/api/contract';
import type { Notice } from '../../../shared/i18n/notice';
import { NoticeList } from './NoticeList';

/**
 * The engine's warnings for a ranking view, plus the small-group warning when the engine did not
 * already give one (a peer group under 8 ranked reps), so it is never missed.
 */
export function ViewNotices({ view, testId }: { view: RankingView; testId: string }) {
  const notices: Notice[] = [...view.warnings];
  const hasSmall = notices.some((n) => n.code === 'small_group' || n.code === 'small_peer_groups');
  if (view.smallGroup && !hasSmall) {
    if (view.settings.peerGroup === 'company') {
      notices.unshift({ code: 'small_group', params: { count: view.rankedCount } });
    } else {
      notices.unshift({
        code: 'small_peer_groups',
        params: {
          count: view.peerGroups.filter((g) => g.smallGroup).length,
          groups: view.peerGroups.filter((g) => g.ranked > 0).length,
        },
      });
    }
  }
  return <NoticeList notices={notices} testId={testId} />;
}
