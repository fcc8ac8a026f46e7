import { formatDecimal, formatInteger } from '../../../../shared/format/format';
import type { Locale } from '../../../../shared/i18n/locale';
import { isMessageKey } from '../../../../shared/i18n/translate';
import type { AppError } from '../../../../shared/result';
import type { ConstraintCheck, PlanPerson, TeamPlan } from '../../../../shared/teams/types';
import type { I18n, Translate } from '../../i18n/i18n';

/** Texts and labels of the team planner in the UI language. */

const PLACEHOLDER = /\{\w+\}/;

/** A text the engine wrote in both languages (a placement's reason). */
export function localText(locale: Locale, text: { en: string; zh: string }): string {
  return locale === 'zh-CN' ? text.zh : text.en;
}

/** Benefit points, always with one decimal: "12.5 pts" / "12.5 分". */
export function points(locale: Locale, t: Translate, value: number): string {
  return t('teams.points', { value: formatDecimal(locale, value, 1) });
}

/** A catalog text with its values, or null when the key is unknown or a value is missing. */
function filled(t: Translate, key: string, params: Record<string, string | number>): string | null {
  if (!isMessageKey(key)) return null;
  const text = t(key, params);
  return PLACEHOLDER.test(text) ? null : text;
}

/**
 * Whole numbers in the locale; names as given. The engine's values are raw so that the CLI and
 * both languages read them alike.
 */
function shown(locale: Locale, params: Record<string, string | number>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    // A value lost on the way (an infinite count arrives as null) leaves its placeholder unfilled.
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = formatInteger(locale, v);
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** One constraint as the plan meets it (or breaks it), in words. */
export function checkText(i18n: I18n, check: ConstraintCheck): string {
  const params = shown(i18n.locale, check.params);
  const state = check.ok ? 'ok' : 'broken';
  return (
    filled(i18n.t, `teams.check.${check.constraint}.${state}`, params) ??
    i18n.t(`teams.checkName.${check.constraint}`)
  );
}

/**
 * The sentences of one failing constraint, most specific first: the engine reports the same
 * constraint with different values depending on what failed, and each set has its own sentence.
 */
const INFEASIBLE_VARIANTS: Record<string, readonly string[]> = {
  teams: ['candidates'],
  leaders: ['count', 'both'],
  min_size: ['fill', 'range'],
  max_size: ['room'],
  within: ['region'],
  pin: ['full', 'pair', 'twice'],
  apart: ['pair'],
  max_moves: ['forced'],
};

/**
 * Why no plan can be made: the catalog's `teams.infeasible.<constraint>` sentence whose values
 * the engine gave, else `error.infeasible_plan` around the engine's own message (never a
 * half-filled sentence).
 */
export function infeasibleText(i18n: I18n, error: AppError): string {
  const params = error.params ?? {};
  const constraint = params.constraint;
  if (typeof constraint === 'string') {
    const values = shown(i18n.locale, params);
    const keys = [
      // The engine says which of a constraint's causes it met, when it has several.
      ...(typeof params.why === 'string' ? [params.why] : []),
      // A rep given by id, not by name: someone without data in the period.
      ...(typeof params.rep === 'number' ? ['noData'] : []),
      ...(INFEASIBLE_VARIANTS[constraint] ?? []),
    ].map((variant) => `teams.infeasible.${constraint}.${variant}`);
    keys.push(`teams.infeasible.${constraint}`);
    for (const key of keys) {
      const text = filled(i18n.t, key, values);
      if (text) return text;
    }
  }
  return i18n.error(error);
}

/** repId → the person, for names in lists that carry only ids (scenarios, moves, constraints). */
export function peopleById(plan: TeamPlan | null): Map<number, PlanPerson> {
  return new Map((plan?.input.people ?? []).map((p) => [p.repId, p]));
}

/** The name of a rep by id, or "#12" when the data no longer has them. */
export function personName(people: Map<number, PlanPerson>, repId: number): string {
  return people.get(repId)?.name ?? `#${repId}`;
}

/**
 * The team a leader would lead, named as the engine names proposed teams (the leader's current
 * team, else the leader's name), for scenarios whose plan is not on screen.
 */
export function leaderTeamName(people: Map<number, PlanPerson>, leaderId: number): string {
  const leader = people.get(leaderId);
  return leader?.team ?? leader?.name ?? `#${leaderId}`;
}
