export { BAND_COLORS } from '../../../../shared/format/band-colors';

export const CHART_FONT =
  '"Inter", "Segoe UI", system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';
