import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { formatInteger } from '../../../../shared/format/format';
import type { TeamConstraints, TeamPlan } from '../../../../shared/teams/types';
import { useI18n } from '../../i18n/i18n';
import { InfoTip } from '../../ui/InfoTip';
import { peopleById, personName } from './team-text';

type NumberKey = 'teams' | 'minSize' | 'maxSize' | 'maxMoves';

/** A choice of one person: the first option names the action, the rest are the people offered. */
function PersonSelect(props: {
  label: string;
  value: string;
  people: readonly { repId: number; name: string }[];
  onChange: (value: string) => void;
  className?: string;
  testId: string;
}) {
  const { label, value, people, onChange, className = 'select', testId } = props;
  return (
    <select
      className={className}
      value={value}
      aria-label={label}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    >
      <option value="">{label}</option>
      {people.map((p) => (
        <option key={p.repId} value={p.repId}>
          {p.name}
        </option>
      ))}
    </select>
  );
}

interface Props {
  /** The plan on screen; null while none could be made (the numbers can still be changed). */
  plan: TeamPlan | null;
  constraints: Partial<TeamConstraints>;
  onChange: (constraints: Partial<TeamConstraints>) => void;
}

const LOWEST: Record<NumberKey, number> = { teams: 1, minSize: 1, maxSize: 1, maxMoves: 0 };

/**
 * A whole-number constraint. Sent to the engine on Enter or when the field is left, not on every
 * keystroke: each value is a new plan, and "1" on the way to "12" is not one the director asked for.
 * Empty means the default, shown as the placeholder.
 */
function NumberConstraint(props: {
  field: NumberKey;
  label: string;
  hint: string;
  value: number | null | undefined;
  auto: string;
  onCommit: (value: number | null) => void;
}) {
  const { field, label, hint, value, auto, onCommit } = props;
  const { t } = useI18n();
  const [invalid, setInvalid] = useState(false);
  const errorId = useId();
  const commit = (text: string) => {
    const trimmed = text.trim();
    if (trimmed === '') {
      setInvalid(false);
      if (value !== undefined && value !== null) onCommit(null);
      return;
    }
    const n = Number(trimmed);
    if (!Number.isInteger(n) || n < LOWEST[field] || n > 10_000) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    if (n !== value) onCommit(n);
  };
  return (
    <label className="number-field constraint-field">
      <span className="field-label">
        {label} <InfoTip text={hint} />
      </span>
      <input
        // A new plan's value replaces what was typed.
        key={value ?? 'auto'}
        className="input input--number"
        type="number"
        inputMode="numeric"
        min={LOWEST[field]}
        step={1}
        defaultValue={value ?? ''}
        placeholder={auto}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
        data-testid={`constraint-${field}`}
      />
      {invalid ? (
        <span id={errorId} className="field-error">
          {t('teams.c.wholeNumber', { min: LOWEST[field] })}
        </span>
      ) : null}
    </label>
  );
}

/** Removable names: the leaders, the people who should not lead, the pins, the pairs kept apart. */
function Chips({
  items,
}: {
  items: { key: string; text: string; remove: () => void; removeLabel: string }[];
}) {
  const { t } = useI18n();
  if (items.length === 0) return <p className="constraint-rule__none">{t('teams.c.none')}</p>;
  return (
    <ul className="constraint-chips">
      {items.map((item) => (
        <li key={item.key} className="constraint-chip">
          <span>{item.text}</span>
          <button
            type="button"
            className="chip__remove"
            aria-label={item.removeLabel}
            title={item.removeLabel}
            onClick={item.remove}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The planner's constraints. Every change asks the engine for a new plan (what-if moves give way
 * to it; undo brings them back); impossible ones are answered with the constraint that fails.
 */
export function ConstraintsCard({ plan, constraints, onChange }: Props) {
  const { t, locale } = useI18n();
  const resolved = plan?.input.constraints ?? null;
  const people = useMemo(() => peopleById(plan), [plan]);
  const collator = useMemo(() => new Intl.Collator(locale, { numeric: true, sensitivity: 'base' }), [locale]);
  const sorted = useMemo(
    () => [...(plan?.input.people ?? [])].sort((a, b) => collator.compare(a.name, b.name)),
    [plan, collator],
  );
  const teams = plan?.teams ?? [];
  const leaderIds = new Set(teams.map((team) => team.leaderId));
  const named = constraints.leaders ?? resolved?.leaders ?? [];
  const notLeaders = constraints.notLeaders ?? resolved?.notLeaders ?? [];
  const pins = constraints.pins ?? resolved?.pins ?? [];
  const apart = constraints.apart ?? resolved?.apart ?? [];
  const within = constraints.within ?? resolved?.within ?? 'none';
  const auto = (value: number | undefined) =>
    value === undefined
      ? t('teams.c.autoUnknown')
      : t('teams.c.auto', { value: formatInteger(locale, value) });

  const set = (patch: Partial<TeamConstraints>) => {
    const next: Partial<TeamConstraints> = { ...constraints, ...patch };
    for (const key of Object.keys(patch) as (keyof TeamConstraints)[]) {
      if (patch[key] === undefined) delete next[key];
    }
    onChange(next);
  };
  // Empty is the default: teams and max size computed from the data, no move limit.
  const setNumber = (key: NumberKey, value: number | null) => set({ [key]: value ?? undefined });

  const [pinRep, setPinRep] = useState('');
  const [pinLeader, setPinLeader] = useState('');
  const [apartA, setApartA] = useState('');
  const [apartB, setApartB] = useState('');

  const addLeader = (repId: number) =>
    set({
      leaders: [...named.filter((id) => id !== repId), repId],
      notLeaders: notLeaders.filter((id) => id !== repId),
    });
  const dropLeader = (repId: number) =>
    set({
      leaders: named.filter((id) => id !== repId),
      notLeaders: [...notLeaders.filter((id) => id !== repId), repId],
    });
  const addNotLeader = (repId: number) =>
    set({
      notLeaders: [...notLeaders.filter((id) => id !== repId), repId],
      leaders: named.filter((id) => id !== repId),
    });

  const name = (id: number) => personName(people, id);
  const teamOf = (leaderId: number) => teams.find((x) => x.leaderId === leaderId)?.name ?? name(leaderId);

  return (
    <section className="card constraints" aria-labelledby="constraints-title" data-testid="constraints-card">
      <header className="card__header">
        <h2 id="constraints-title" className="card__title">
          {t('teams.c.title')} <InfoTip text={t('teams.c.definition')} />
        </h2>
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={Object.keys(constraints).length === 0}
          onClick={() => onChange({})}
          data-testid="constraints-defaults"
        >
          {t('teams.c.defaults')}
        </button>
      </header>
      <div className="constraints__numbers">
        <NumberConstraint
          field="teams"
          label={t('teams.c.teams')}
          hint={t('teams.c.teamsHint')}
          value={constraints.teams}
          auto={auto(resolved?.teams)}
          onCommit={(v) => setNumber('teams', v)}
        />
        <NumberConstraint
          field="minSize"
          label={t('teams.c.minSize')}
          hint={t('teams.c.minSizeHint')}
          value={constraints.minSize}
          auto={auto(resolved?.minSize)}
          onCommit={(v) => setNumber('minSize', v)}
        />
        <NumberConstraint
          field="maxSize"
          label={t('teams.c.maxSize')}
          hint={t('teams.c.maxSizeHint')}
          value={constraints.maxSize}
          auto={auto(resolved?.maxSize)}
          onCommit={(v) => setNumber('maxSize', v)}
        />
        <NumberConstraint
          field="maxMoves"
          label={t('teams.c.maxMoves')}
          hint={t('teams.c.maxMovesHint')}
          value={constraints.maxMoves}
          auto={t('teams.c.noLimit')}
          onCommit={(v) => setNumber('maxMoves', v)}
        />
        <label className="radio constraints__within">
          <input
            type="checkbox"
            checked={within === 'region'}
            onChange={(e) => set({ within: e.target.checked ? 'region' : 'none' })}
            data-testid="constraint-within"
          />
          <span>{t('teams.c.within')}</span>
          <InfoTip text={t('teams.c.withinHint')} />
        </label>
      </div>

      {plan ? (
        <div className="constraints__rules">
          <div className="constraint-rule" data-testid="rule-leaders">
            <h3 className="subheading">{t('teams.c.leaders')}</h3>
            <Chips
              items={teams.map((team) => ({
                key: String(team.leaderId),
                text: named.includes(team.leaderId) ? t('teams.c.named', { name: team.leader }) : team.leader,
                remove: () => dropLeader(team.leaderId),
                removeLabel: t('teams.c.removeLeader', { name: team.leader }),
              }))}
            />
            <PersonSelect
              className="select constraint-rule__add"
              label={t('teams.c.addLeader')}
              value=""
              people={sorted.filter((p) => !leaderIds.has(p.repId))}
              onChange={(v) => v && addLeader(Number(v))}
              testId="add-leader"
            />
          </div>

          <div className="constraint-rule" data-testid="rule-not-leaders">
            <h3 className="subheading">{t('teams.c.notLeaders')}</h3>
            <Chips
              items={notLeaders.map((id) => ({
                key: String(id),
                text: name(id),
                remove: () => set({ notLeaders: notLeaders.filter((x) => x !== id) }),
                removeLabel: t('teams.c.mayLead', { name: name(id) }),
              }))}
            />
            <PersonSelect
              className="select constraint-rule__add"
              label={t('teams.c.addNotLeader')}
              value=""
              people={sorted.filter((p) => !notLeaders.includes(p.repId))}
              onChange={(v) => v && addNotLeader(Number(v))}
              testId="add-not-leader"
            />
          </div>

          <div className="constraint-rule" data-testid="rule-pins">
            <h3 className="subheading">{t('teams.c.pins')}</h3>
            <Chips
              items={pins.map((pin) => ({
                key: `${pin.repId}-${pin.leaderId}`,
                text: t('teams.c.pinned', { rep: name(pin.repId), team: teamOf(pin.leaderId) }),
                remove: () => set({ pins: pins.filter((x) => x.repId !== pin.repId) }),
                removeLabel: t('teams.c.unpin', { rep: name(pin.repId) }),
              }))}
            />
            <div className="constraint-rule__pair">
              <PersonSelect
                label={t('teams.c.pinRep')}
                value={pinRep}
                people={sorted.filter((p) => !leaderIds.has(p.repId))}
                onChange={setPinRep}
                testId="pin-rep"
              />
              <select
                className="select"
                value={pinLeader}
                aria-label={t('teams.c.pinTeam')}
                onChange={(e) => setPinLeader(e.target.value)}
                data-testid="pin-team"
              >
                <option value="">{t('teams.c.pinTeam')}</option>
                {teams.map((team) => (
                  <option key={team.leaderId} value={team.leaderId}>
                    {t('teams.c.teamOption', { team: team.name, leader: team.leader })}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--small"
                disabled={!pinRep || !pinLeader}
                onClick={() => {
                  const repId = Number(pinRep);
                  set({
                    pins: [...pins.filter((x) => x.repId !== repId), { repId, leaderId: Number(pinLeader) }],
                  });
                  setPinRep('');
                  setPinLeader('');
                }}
                data-testid="pin-add"
              >
                {t('teams.c.pin')}
              </button>
            </div>
          </div>

          <div className="constraint-rule" data-testid="rule-apart">
            <h3 className="subheading">{t('teams.c.apart')}</h3>
            <Chips
              items={apart.map(([a, b]) => ({
                key: `${a}-${b}`,
                text: t('teams.c.apartPair', { a: name(a), b: name(b) }),
                remove: () => set({ apart: apart.filter(([x, y]) => !(x === a && y === b)) }),
                removeLabel: t('teams.c.unapart', { a: name(a), b: name(b) }),
              }))}
            />
            <div className="constraint-rule__pair">
              {[
                { value: apartA, setValue: setApartA, label: t('teams.c.apartA'), other: apartB },
                { value: apartB, setValue: setApartB, label: t('teams.c.apartB'), other: apartA },
              ].map((pick) => (
                <PersonSelect
                  key={pick.label}
                  label={pick.label}
                  value={pick.value}
                  people={sorted.filter((p) => String(p.repId) !== pick.other)}
                  onChange={pick.setValue}
                  testId="apart-rep"
                />
              ))}
              <button
                type="button"
                className="button button--small"
                disabled={!apartA || !apartB || apartA === apartB}
                onClick={() => {
                  const pair: [number, number] = [Number(apartA), Number(apartB)];
                  pair.sort((x, y) => x - y);
                  if (!apart.some(([x, y]) => x === pair[0] && y === pair[1]))
                    set({ apart: [...apart, pair] });
                  setApartA('');
                  setApartB('');
                }}
                data-testid="apart-add"
              >
                {t('teams.c.keepApart')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}
