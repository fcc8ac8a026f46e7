import type { Band } from '../../../shared/domain/types';

/** The band colours of the charts; the same values as the --band-* variables in styles/app.css. */
export const BAND_COLORS: Record<Band, string> = {
  top: '#1f9d6b',
  middle: '#7a90a8',
  bottom: '#e07a2c',
  unranked: '#b8c2cc',
};

export const CHART_FONT =
  '"Inter", "Segoe UI", system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';
