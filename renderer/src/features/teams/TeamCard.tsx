import { useState, type DragEvent } from 'react';
import { formatInteger } from '../../../../shared/format/format';
import type { Placement, ProposedTeam } from '../../../../shared/teams/types';
import { useI18n } from '../../i18n/i18n';
import { BandBadge } from '../../ui/BandBadge';
import { practiceName } from '../coaching/practice-format';
import { MemberItem, REP_DRAG_TYPE } from './MemberItem';
import type { MoveTarget } from './MoveMenu';
import { localText, points } from './team-text';

interface Props {
  team: ProposedTeam;
  placements: Map<number, Placement>;
  /** Every team as a "Move to…" choice; this team's own is left out per member. */
  targets: readonly MoveTarget[];
  minSize: number;
  maxSize: number;
  onMove: (repId: number, leaderId: number) => void;
  currency: string | null;
  justMoved: number | null;
}

/** A proposed team: its leader and what they are strong at, then the members, best match first. */
export function TeamCard(props: Props) {
  const { team, placements, targets, minSize, maxSize, onMove, currency, justMoved } = props;
  const { t, locale } = useI18n();
  const [over, setOver] = useState(false);
  const leader = placements.get(team.leaderId);
  const others = targets.filter((x) => x.leaderId !== team.leaderId);
  const sizeOff = team.size < minSize || team.size > maxSize;

  const accepts = (e: DragEvent) => e.dataTransfer.types.includes(REP_DRAG_TYPE);
  const onDragOver = (e: DragEvent<HTMLElement>) => {
    if (!accepts(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (!over) setOver(true);
  };
  const onDrop = (e: DragEvent<HTMLElement>) => {
    setOver(false);
    const repId = Number(e.dataTransfer.getData(REP_DRAG_TYPE));
    if (!Number.isInteger(repId) || repId <= 0) return;
    e.preventDefault();
    const placement = placements.get(repId);
    if (placement && placement.leaderId !== team.leaderId) onMove(repId, team.leaderId);
  };

  return (
    <section
      className={`card team-card${over ? ' is-drop-target' : ''}`}
      aria-labelledby={`team-${team.leaderId}`}
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={onDrop}
      data-testid="team-card"
      data-leader-id={team.leaderId}
      data-team={team.name}
      data-current-team={team.currentTeam ?? ''}
    >
      <header className="team-card__head">
        <h3 id={`team-${team.leaderId}`} className="team-card__title">
          {team.name}
        </h3>
        <span
          className={`team-card__size${sizeOff ? ' is-off' : ''}`}
          title={t('teams.sizeTitle', { min: minSize, max: maxSize })}
          data-testid="team-size"
        >
          {t('teams.size', { count: formatInteger(locale, team.size) })}
        </span>
      </header>
      <div className="team-card__leader" data-testid="team-leader">
        <span className="team-card__leader-label">{t('teams.leader')}</span>
        <strong>{team.leader}</strong>
        {leader ? <BandBadge band={leader.band} /> : null}
        {team.region ? <span className="muted">· {team.region}</span> : null}
      </div>
      {leader ? <p className="team-card__reason">{localText(locale, leader.text)}</p> : null}
      {team.strengths.length > 0 ? (
        <div className="team-card__strengths">
          <span className="team-member__label">{t('teams.strengths')}</span>
          {team.strengths.map((s) => (
            <span key={s} className="chip">
              {practiceName(locale, s)}
            </span>
          ))}
        </div>
      ) : null}
      <div className="team-card__benefit">
        {t('teams.teamBenefit')} <strong data-testid="team-benefit">{points(locale, t, team.benefit)}</strong>
      </div>
      {team.members.length === 0 ? (
        <p className="team-card__empty">{t('teams.noMembers')}</p>
      ) : (
        <ul className="team-card__members" aria-label={t('teams.membersOf', { team: team.name })}>
          {team.members.map((repId) => {
            const p = placements.get(repId);
            if (!p) return null;
            return (
              <MemberItem
                key={repId}
                placement={p}
                leader={team.leader}
                targets={others}
                onMove={onMove}
                currency={currency}
                justMoved={justMoved === repId}
              />
            );
          })}
        </ul>
      )}
    </section>
  );
}
