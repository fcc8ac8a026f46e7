import { formatDate, formatKpiValue, formatPercent } from '../format/format';
import type { Locale } from '../i18n/locale';
import { PRACTICE_BY_ID } from './practice-definitions';
import type { CoachingGoal } from './types';

/**
 * A goal's text in both languages, from templates: the director edits it before saving, so it
 * reads as a sentence a coach would say, with every SMART+C part in it: the practice (specific),
 * the number (measurable), why the number (achievable), what it drives (relevant) and the date
 * (time-bound). Consistency is the plan's job: goals that would ask for the same time twice are
 * not chosen together.
 */
export function goalText(
  goal: Omit<CoachingGoal, 'text'>,
  currency: string | null,
): { en: string; zh: string } {
  return { en: render('en', goal, currency), zh: render('zh-CN', goal, currency) };
}

function render(locale: Locale, goal: Omit<CoachingGoal, 'text'>, currency: string | null): string {
  const def = PRACTICE_BY_ID.get(goal.practice)!;
  const value = (x: number): string => formatKpiValue(locale, def.unit, x, currency);
  const date = formatDate(locale, goal.deadline);
  const down = def.direction === 'lower';
  const a = goal.achievable;
  if (locale === 'en') {
    const verb = down ? 'Bring' : 'Raise';
    const prep = down ? 'down from' : 'from';
    // The share the target really closes (after rounding, the cap and the time budget), never the
    // share aimed at: 0.8 -> 0.9 against a median of 2.1 closes 8%, not 50%.
    const share = formatPercent('en', a.gapShare, 0);
    let why = `closes ${share} of the gap to the top-quartile median of ${value(goal.benchmark)}`;
    // Capped at +25%: said as a first step, with what it closes.
    if (a.capped)
      why = `a first step towards the top-quartile median of ${value(goal.benchmark)}: it closes ${share} of the gap`;
    if (a.scaledForTime) why += ', scaled to fit the time the other goals take';
    return `${verb} ${lowerFirst(def.name_en)} ${prep} ${value(goal.current)} to ${value(goal.target)} by ${date} (${why}). It drives ${def.drives_en}.`;
  }
  const verb = down ? '降低' : '提升';
  const shareZh = formatPercent('zh-CN', a.gapShare, 0);
  let why = `缩小与前 25% 销售中位数 ${value(goal.benchmark)} 之间差距的 ${shareZh}`;
  if (a.capped) why = `朝前 25% 销售中位数 ${value(goal.benchmark)} 迈出第一步，缩小差距的 ${shareZh}`;
  if (a.scaledForTime) why += '，并按其他目标所需时间做了调整';
  return `在 ${date} 前，将${def.name_zh}从 ${value(goal.current)} ${verb}到 ${value(goal.target)}（${why}）。它带动${def.drives_zh}。`;
}

/** "Calls per day" reads as "calls per day" mid-sentence; acronyms and stage names stay as they are. */
export function lowerFirst(name: string): string {
  const second = name.charAt(1);
  if (second !== '' && second === second.toUpperCase() && /[A-Z]/.test(second)) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}
