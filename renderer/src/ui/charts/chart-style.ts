import type { TierKey } from '../../../../shared/api/contract';
import { CHART_FONT } from './band-colors';

/** Shared look of the charts: axis text, grid lines and the canvas-drawn tooltip. */
export const AXIS_TEXT = '#52606d';
export const GRID_LINE = '#e4e9f0';
export const ACCENT = '#2d5bd0';

/**
 * Tooltips are drawn on the canvas (`richText`), not as HTML: ECharts' HTML tooltips carry
 * inline `style` attributes, which the app's CSP (style-src 'self') rightly blocks. It also
 * means names from a CSV are never parsed as markup.
 */
export const TOOLTIP = {
  renderMode: 'richText' as const,
  backgroundColor: '#ffffff',
  borderColor: '#d5dce6',
  borderWidth: 1,
  padding: [8, 12],
  textStyle: {
    color: '#1c2433',
    fontFamily: CHART_FONT,
    fontSize: 13,
    rich: { name: { fontWeight: 700 }, muted: { color: '#6b7789' } },
  },
};

/** The legend every chart keeps at its top left: square 12-pixel keys in the axis colour. */
export function topLegend(data: string[]) {
  return { top: 0, left: 0, itemWidth: 12, itemHeight: 12, textStyle: { color: AXIS_TEXT }, data };
}

/** Rich-text markup uses `{`, `}` and `|`; keep rep and team names from breaking it. */
export function richSafe(text: string): string {
  return text.replace(/[{}|]/g, ' ');
}

/** Customer tiers, most valuable (dark) to least, and records without an account (light grey). */
export const TIER_COLORS: Record<TierKey, string> = {
  A: '#1d3f8f',
  B: '#3f6fd8',
  C: '#8fb0ec',
  D: '#e0a52c',
  none: '#cfd6df',
};

export { CHART_FONT };
