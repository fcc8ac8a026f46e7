import type { Band } from '../domain/types';

/**
 * The band colours of every chart, on screen and in print; the same values as the --band-*
 * variables in renderer/src/styles/app.css.
 */
export const BAND_COLORS: Record<Band, string> = {
  top: '#1f9d6b',
  middle: '#7a90a8',
  bottom: '#e07a2c',
  unranked: '#b8c2cc',
};
