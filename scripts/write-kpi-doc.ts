import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderKpiDoc } from '../shared/kpi/kpi-doc';

const file = resolve(import.meta.dirname, '../docs/kpis.md');
writeFileSync(file, renderKpiDoc());
process.stdout.write(`wrote ${file}\n`);
