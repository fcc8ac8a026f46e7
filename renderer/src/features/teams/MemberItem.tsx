import { useId, useState, type DragEvent } from 'react';
import type { Placement } from '../../../../shared/teams/types';
import { useI18n } from '../../i18n/i18n';
import { BandBadge } from '../../ui/BandBadge';
import { practiceName } from '../coaching/practice-format';
import { MemberWhy } from './MemberWhy';
import { MoveMenu, type MoveTarget } from './MoveMenu';
import { points } from './team-text';

/** The drag payload's type: only a rep card of this screen is accepted by a team. */
export const REP_DRAG_TYPE = 'application/x-quartile-rep';

interface Props {
  placement: Placement;
  leader: string;
  targets: readonly MoveTarget[];
  onMove: (repId: number, leaderId: number) => void;
  currency: string | null;
  /** The rep was just moved here: the keyboard user continues on its menu button. */
  justMoved: boolean;
}

/**
 * One member of a proposed team: band, the practice they are there to learn, the benefit with
 * this leader, whether they move; "Why" opens the reason, "Move to…" (or a drag) is the what-if.
 */
export function MemberItem({ placement: p, leader, targets, onMove, currency, justMoved }: Props) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const whyId = useId();

  const onDragStart = (e: DragEvent<HTMLLIElement>) => {
    e.dataTransfer.setData(REP_DRAG_TYPE, String(p.repId));
    e.dataTransfer.setData('text/plain', p.rep);
    e.dataTransfer.effectAllowed = 'move';
    setDragging(true);
  };

  const classes = ['team-member'];
  if (p.moved) classes.push('team-member--moved');
  if (dragging) classes.push('is-dragging');

  return (
    <li
      className={classes.join(' ')}
      draggable
      onDragStart={onDragStart}
      onDragEnd={() => setDragging(false)}
      data-testid="team-member"
      data-rep={p.rep}
      data-rep-id={p.repId}
      data-moved={p.moved}
      data-role={p.role}
      data-current-team={p.currentTeam ?? ''}
    >
      <div className="team-member__head">
        <span className="team-member__id">
          <span className="team-member__name">{p.rep}</span>
          <BandBadge band={p.band} />
          {p.role === 'improvement_plan' ? (
            <span className="pill pill--warning" title={t('teams.role.improvementTitle')}>
              {t('teams.role.improvement_plan')}
            </span>
          ) : null}
          {p.pinned ? <span className="pill pill--muted">{t('teams.pinned')}</span> : null}
        </span>
        <span className="team-member__benefit" title={t('teams.benefitTitle')} data-testid="member-benefit">
          {points(locale, t, p.benefit)}
        </span>
      </div>
      <div className="team-member__row">
        <div className="team-member__focus">
          {p.focus ? (
            <span>
              <span className="team-member__label">{t('teams.learns')}</span>
              <span data-testid="member-focus">{practiceName(locale, p.focus.practice)}</span>
            </span>
          ) : (
            <span className="muted">{t('teams.noFocus')}</span>
          )}
          {p.moved ? (
            <span className="team-member__from" data-testid="member-from">
              {t('teams.movedFrom', { team: p.currentTeam ?? t('rank.noTeam') })}
            </span>
          ) : null}
        </div>
        <div className="team-member__actions">
          <button
            type="button"
            className="button button--small button--ghost"
            aria-expanded={open}
            aria-controls={open ? whyId : undefined}
            aria-label={t('teams.why.label', { rep: p.rep })}
            onClick={() => setOpen((o) => !o)}
            data-testid="why-button"
          >
            {open ? t('teams.why.hide') : t('teams.why.show')}
          </button>
          <MoveMenu
            rep={p.rep}
            targets={targets}
            onMove={(leaderId) => onMove(p.repId, leaderId)}
            autoFocus={justMoved}
          />
        </div>
      </div>
      {open ? <MemberWhy id={whyId} placement={p} leader={leader} currency={currency} /> : null}
    </li>
  );
}
