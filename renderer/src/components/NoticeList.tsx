import type { Notice } from '../../../shared/i18n/notice';
import { useI18n } from '../i18n/i18n';

interface Props {
  notices: readonly Notice[];
  testId?: string;
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
          {i18n.notice(n)}
        </li>
      ))}
    </ul>
  );
}
