import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderKpiDoc } from '../../shared/kpi/kpi-doc';
import { KPI_DEFINITIONS } from '../../shared/kpi/kpi-definitions';

describe('KPI documentation', () => {
  it('docs/kpis.md matches the registry (run `npm run docs:kpis` after changing a KPI)', () => {
    expect(readFileSync(resolve(import.meta.dirname, '../../docs/kpis.md'), 'utf8')).toBe(renderKpiDoc());
  });

  it('every KPI has both names and both formulas', () => {
    for (const k of KPI_DEFINITIONS) {
      expect(k.name_en.length, k.id).toBeGreaterThan(2);
      expect(k.name_zh, k.id).toMatch(/[\u4e00-\u9fff]/);
      expect(k.formula_en.length, k.id).toBeGreaterThan(10);
      expect(k.formula_zh, k.id).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(new Set(KPI_DEFINITIONS.map((k) => k.id)).size).toBe(KPI_DEFINITIONS.length);
  });
});
