import { useI18n } from '../../i18n/i18n';

/**
 * What to expect, said plainly before anyone is moved: the field notes' cases are cases, and the
 * research on peer effects finds modest, conditional spillovers, so the plan offers a check.
 */
export function EffectNote() {
  const { t } = useI18n();
  return (
    <section className="card effect-note" aria-labelledby="effect-note-title" data-testid="effect-note">
      <h2 id="effect-note-title" className="card__title">
        {t('teams.effect.title')}
      </h2>
      <ul className="effect-note__list">
        <li>{t('teams.effect.cases')}</li>
        <li>{t('teams.effect.research')}</li>
        <li>{t('teams.effect.pay')}</li>
        <li>{t('teams.effect.customers')}</li>
        <li>{t('teams.effect.check')}</li>
      </ul>
    </section>
  );
}
