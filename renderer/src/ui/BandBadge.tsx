import type { Band } from '../../../shared/domain/types';
import { useI18n } from '../i18n/i18n';
import { bandName } from '../i18n/domain-text';

/** The coloured band label: top green, middle grey-blue, bottom amber. */
export function BandBadge({ band }: { band: Band }) {
  const { locale } = useI18n();
  return (
    <span className={`band-badge band-badge--${band}`} data-testid="band-badge" data-band={band}>
      {bandName(locale, band)}
    </span>
  );
}

/** A narrow band mark for tight columns (results band, activity band, stability table). */
export function BandDot({ band }: { band: Band }) {
  const { locale, t } = useI18n();
  return (
    <span className={`band-dot band-dot--${band}`} title={bandName(locale, band)} data-band={band}>
      {t(`band.short.${band}`)}
    </span>
  );
}
