import type { Movement } from '../analysis/ranking-model';
import { useI18n } from '../i18n/i18n';

const MARK: Record<Exclude<Movement, null>, string> = { up: '▲', down: '▼', same: '=', new: '•' };

/** Up, down or same band as the previous period; `new` when the rep was not ranked then. */
export function MovementMark({ movement, title }: { movement: Movement; title?: string }) {
  const { t } = useI18n();
  if (movement === null)
    return (
      <span className="muted" title={title}>
        —
      </span>
    );
  return (
    <span className={`movement movement--${movement}`} title={title}>
      <span aria-hidden="true">{MARK[movement]}</span> {t(`move.${movement}`)}
    </span>
  );
}
