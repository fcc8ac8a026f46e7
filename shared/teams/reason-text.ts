import { lowerFirst } from '../coaching/goal-text';
import { PRACTICE_BY_ID } from '../coaching/practice-definitions';
import { formatDecimal, formatKpiValue, formatList } from '../format/format';
import type { Locale } from '../i18n/locale';
import { translate } from '../i18n/translate';
import type { PlanGap, PlanPerson, PlacementReason } from './types';

/**
 * Why a person is where the plan puts them, in both languages, from templates and the plan's own
 * figures: the rep's gap, the leader's value there, the benchmark and the runner-up team with
 * its score, so the director sees how close the call was. The sentences never claim more than
 * the numbers: a benefit is a match of strengths and gaps, not a forecast.
 */

export interface ReasonFacts {
  reason: PlacementReason;
  rep: PlanPerson;
  leader: PlanPerson;
  team: string;
  focus: PlanGap | null;
  benefit: number;
  runnerUp: { team: string; benefit: number } | null;
  /** Leaders only: their strongest practices. */
  strengths: PlanGap['practice'][];
  improvementPlan: boolean;
  /** Benefit points a move must gain over staying. */
  stayMargin: number;
  /** The runner-up team is at its largest size. */
  runnerUpFull: boolean;
  /** Leaders: named by the director. Members of the top band: marked "should not lead" by the director. */
  byDirector: boolean;
  topBy: 'results' | 'composite';
  stays: boolean;
  currency: string | null;
}

export function reasonText(f: ReasonFacts): { en: string; zh: string } {
  return { en: render('en', f), zh: render('zh-CN', f) };
}

const practiceName = (locale: Locale, id: PlanGap['practice']): string => {
  const def = PRACTICE_BY_ID.get(id);
  if (!def) return id;
  return locale === 'en' ? lowerFirst(def.name_en) : def.name_zh;
};

/** The score leaders are chosen by, as a sentence names it. */
function scoreName(locale: Locale, topBy: ReasonFacts['topBy']): string {
  if (locale === 'en') return topBy === 'results' ? 'results score' : 'composite score';
  return topBy === 'results' ? '结果得分' : '综合得分';
}

function value(locale: Locale, gap: PlanGap, x: number | null, currency: string | null): string {
  const def = PRACTICE_BY_ID.get(gap.practice);
  return def ? formatKpiValue(locale, def.unit, x, currency) : String(x);
}

const points = (locale: Locale, x: number): string => formatDecimal(locale, x, 1);

function render(locale: Locale, f: ReasonFacts): string {
  const en = locale === 'en';
  const parts: string[] = [];
  const cover = (): string | null => {
    const g = f.focus;
    if (!g) return null;
    const name = practiceName(locale, g.practice);
    const lv = value(locale, g, g.leaderValue, f.currency);
    const rv = value(locale, g, g.repValue, f.currency);
    const bm = value(locale, g, g.benchmark, f.currency);
    return en
      ? `${f.leader.name} is at ${lv} on ${name}, where ${f.rep.name} is at ${rv} (top-quartile median ${bm})`
      : `${f.leader.name} 的${name}为 ${lv}，而 ${f.rep.name} 为 ${rv}（前 25% 中位数 ${bm}）`;
  };
  const runner = (): string | null => {
    const r = f.runnerUp;
    if (!r) return null;
    return en
      ? `Next best: ${r.team}, ${points(locale, r.benefit)} points against ${points(locale, f.benefit)} here.`
      : `次优：${r.team}，${points(locale, r.benefit)} 分，此处 ${points(locale, f.benefit)} 分。`;
  };
  const where = (): string =>
    f.stays
      ? en
        ? 'kept with the current team'
        : '留在原团队'
      : en
        ? 'placed where the team sizes need them'
        : '按团队人数需要安排';
  switch (f.reason) {
    case 'leader': {
      const strong = formatList(
        locale,
        f.strengths.map((s) => practiceName(locale, s)),
      );
      const band = translate(locale, `band.${f.rep.band}`);
      const score = scoreName(locale, f.topBy);
      if (en) {
        parts.push(
          f.byDirector
            ? `Leads the team: named by you (${band} by ${score}).`
            : `Leads the team: ${band} by ${score}.`,
        );
        parts.push(
          f.strengths.length > 0
            ? `Strongest above the top-quartile median at ${strong}.`
            : 'Not above the top-quartile median on any practice that separates the top here.',
        );
      } else {
        parts.push(
          f.byDirector ? `带队：由您指定（按${score}位于${band}）。` : `带队：按${score}位于${band}。`,
        );
        parts.push(
          f.strengths.length > 0
            ? `最高出前 25% 中位数的做法：${strong}。`
            : '在区分前 25% 的做法上均未高于中位数。',
        );
      }
      break;
    }
    case 'gap_match':
    case 'stays':
    case 'capacity':
    case 'pinned':
    case 'manual': {
      const lead =
        f.reason === 'stays'
          ? en
            ? `Stays in ${f.team}: no other team is more than ${points(locale, f.stayMargin)} points better.`
            : `留在 ${f.team}：没有哪个团队高出 ${points(locale, f.stayMargin)} 分以上。`
          : f.reason === 'capacity'
            ? f.runnerUpFull && f.runnerUp
              ? en
                ? `${f.runnerUp.team} would suit ${f.rep.name} better but is full.`
                : `${f.runnerUp.team} 更适合 ${f.rep.name}，但已满员。`
              : en
                ? `A better match is ruled out by the pairs kept apart or the move budget.`
                : `更匹配的团队受“分开安排”或调动上限排除。`
            : f.reason === 'pinned'
              ? en
                ? `Pinned to ${f.leader.name}'s team by you.`
                : `由您指定到 ${f.leader.name} 的团队。`
              : f.reason === 'manual'
                ? en
                  ? 'Placed here by you.'
                  : '由您安排在此。'
                : null;
      if (f.rep.band === 'top' || f.rep.compositeBand === 'top') {
        const by = scoreName(locale, f.topBy);
        parts.push(
          f.byDirector
            ? en
              ? 'Top quartile; marked "should not lead" by you.'
              : '前 25%；您已标记为“不带队”。'
            : f.rep.band === 'top'
              ? en
                ? `Top quartile by ${by}, not among the leaders (the strongest by ${by} lead).`
                : `按${by}位于前 25%，但未入选组长（组长按${by}从高到低选出）。`
              : en
                ? `Top quartile overall, but not by ${by}, which the leaders are chosen by.`
                : `综合位于前 25%，但按${by}未进入前 25%，而组长按${by}选出。`,
        );
      }
      if (lead) parts.push(lead);
      const c = cover();
      if (c) parts.push(`${c}${en ? '.' : '。'}`);
      const r = runner();
      if (r) parts.push(r);
      break;
    }
    case 'no_gap':
      parts.push(
        en
          ? `At or above the top-quartile median on every practice that separates the top here: ${where()}.`
          : `在区分前 25% 的各项做法上均不低于中位数：${where()}。`,
      );
      break;
    case 'no_match':
      parts.push(
        en
          ? `No leader is above the top-quartile median where ${f.rep.name} is weakest: ${where()}.`
          : `没有组长在 ${f.rep.name} 的薄弱环节上高于前 25% 中位数：${where()}。`,
      );
      break;
    case 'not_ranked': {
      const why = f.rep.unrankedReason ? translate(locale, `unranked.${f.rep.unrankedReason}`) : '';
      parts.push(
        en
          ? `Not ranked (${why}): too little data to tell where they are weakest; ${where()}.`
          : `未排名（${why}）：数据太少，无法判断薄弱环节；${where()}。`,
      );
      break;
    }
  }
  if (f.improvementPlan) {
    parts.push(en ? 'Bottom quartile: on an improvement plan.' : '后 25%：列入改进计划。');
  }
  return parts.join(en ? ' ' : '');
}
