/**
 * 以补定占 from the survey data: the change report's stable-耕地 rows become ledger projects (analysis/ledger.ts),
 * so the ledger can start from data instead of a hand-made table. Per region: stable 耕地 gained → a supplement;
 * stable 耕地 lost → occupations (to 建设用地: purpose construction; anything else: agriculture). The ledger's net
 * increase then equals the report's net increase of stably used 耕地.
 */
import type { LedgerProject } from '../analysis/ledger';
import { m2ToMu } from '../area/units';
import type { ChangeReport } from './report';

export function ledgerProjectsFromChange(report: ChangeReport, year: number): LedgerProject[] {
  const out: LedgerProject[] = [];
  for (const r of report.stable) {
    const region = r.region;
    if (r.gainedM2 > 0) out.push({ region, year, type: 'supplement', mu: m2ToMu(r.gainedM2), name: '变更调查：稳定利用耕地增加 / stable 耕地 gained', stable: true });
    if (r.lostToConstructionM2 > 0)
      out.push({ region, year, type: 'occupation', mu: m2ToMu(r.lostToConstructionM2), name: '变更调查：耕地转为建设用地 / 耕地 to construction', purpose: 'construction' });
    const other = r.lostM2 - r.lostToConstructionM2;
    if (other > 0) out.push({ region, year, type: 'occupation', mu: m2ToMu(other), name: '变更调查：稳定利用耕地减少（非建设）/ stable 耕地 lost (not construction)', purpose: 'agriculture' });
  }
  return out;
}
