import { formatInteger, formatPeriodLabel } from '../../../../shared/format/format';
import type { PlanPerson, TeamScenario } from '../../../../shared/teams/types';
import { useI18n } from '../../i18n/i18n';
import { leaderTeamName, personName, points } from './team-text';

interface Props {
  a: TeamScenario;
  b: TeamScenario;
  people: Map<number, PlanPerson>;
  onClose: () => void;
}

/** The reps whose leader differs between two scenarios (or who are in only one), by name. */
function differences(
  a: TeamScenario,
  b: TeamScenario,
  people: Map<number, PlanPerson>,
  collator: Intl.Collator,
) {
  const inA = new Map(a.assignment.map((x) => [x.repId, x.leaderId]));
  const inB = new Map(b.assignment.map((x) => [x.repId, x.leaderId]));
  const ids = [...new Set([...inA.keys(), ...inB.keys()])];
  return ids
    .filter((id) => inA.get(id) !== inB.get(id))
    .map((id) => {
      const la = inA.get(id);
      const lb = inB.get(id);
      return {
        repId: id,
        rep: personName(people, id),
        a: la ?? null,
        b: lb ?? null,
      };
    })
    .sort((x, y) => collator.compare(x.rep, y.rep));
}

/** Two scenarios side by side: the figures, then every rep placed differently. */
export function ScenarioCompare({ a, b, people, onClose }: Props) {
  const { t, locale } = useI18n();
  const diff = differences(a, b, people, new Intl.Collator(locale, { numeric: true, sensitivity: 'base' }));
  const rows: { key: string; label: string; a: string; b: string }[] = [
    {
      key: 'period',
      label: t('teams.compare.period'),
      a: formatPeriodLabel(locale, a.period),
      b: formatPeriodLabel(locale, b.period),
    },
    {
      key: 'benefit',
      label: t('teams.summary.benefit'),
      a: points(locale, t, a.summary.benefit),
      b: points(locale, t, b.summary.benefit),
    },
    {
      key: 'moves',
      label: t('teams.summary.moves'),
      a: formatInteger(locale, a.summary.moves),
      b: formatInteger(locale, b.summary.moves),
    },
    {
      key: 'teams',
      label: t('teams.summary.teams'),
      a: formatInteger(locale, a.summary.teams),
      b: formatInteger(locale, b.summary.teams),
    },
    {
      key: 'placed',
      label: t('teams.compare.placed'),
      a: formatInteger(locale, a.summary.placed),
      b: formatInteger(locale, b.summary.placed),
    },
  ];
  const none = <span className="muted">{t('teams.compare.notIn')}</span>;
  // Two leaders can come from one current team: the leader's name tells their teams apart.
  const team = (leaderId: number | null) =>
    leaderId === null
      ? none
      : t('teams.c.teamOption', {
          team: leaderTeamName(people, leaderId),
          leader: personName(people, leaderId),
        });

  return (
    <section className="scenario-compare" aria-labelledby="compare-title" data-testid="scenario-compare">
      <header className="scenario-compare__head">
        <h3 id="compare-title" className="subheading">
          {t('teams.compare.title', { a: a.name, b: b.name })}
        </h3>
        <button type="button" className="button button--small button--ghost" onClick={onClose}>
          {t('teams.compare.close')}
        </button>
      </header>
      <div className="scenario-compare__grid">
        <table className="table table--compact scenario-compare__figures">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('teams.compare.figure')}</span>
              </th>
              <th scope="col" className="num">
                {a.name}
              </th>
              <th scope="col" className="num">
                {b.name}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="compare-figure" data-figure={r.key}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.a}</td>
                <td className="num">{r.b}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <h4 className="subheading">
            {t('teams.compare.different', { count: formatInteger(locale, diff.length) })}
          </h4>
          {diff.length === 0 ? (
            <p className="hint">{t('teams.compare.same')}</p>
          ) : (
            <div className="table-scroll table-scroll--short">
              <table className="table table--compact">
                <thead>
                  <tr>
                    <th scope="col">{t('teams.compare.rep')}</th>
                    <th scope="col">{a.name}</th>
                    <th scope="col">{b.name}</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.map((d) => (
                    <tr key={d.repId} data-testid="compare-diff" data-rep={d.rep}>
                      <th scope="row">{d.rep}</th>
                      <td>{team(d.a)}</td>
                      <td>{team(d.b)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
