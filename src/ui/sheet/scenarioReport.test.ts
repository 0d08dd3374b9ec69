import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../state/scenarios/types';
import { centreOf, scenarioReportHtml } from './scenarioReport';

const sq = { type: 'Polygon' as const, coordinates: [[[126, 45], [126.2, 45], [126.2, 45.2], [126, 45]]] };
const scenario: Scenario = {
  id: 's1', name: '方案<甲>', createdAt: '2026-12-04T17:00:00Z', updatedAt: '2026-12-04T17:00:00Z', year: 2026,
  site: [{ id: 'a', geometry: sq }], supplements: [],
  figures: {
    siteAreaMu: 12.345678, layers: [{ kind: 'cultivated', name: '耕地', areaMu: 10.5, parcels: 3 }],
    flags: { permanentBasicOccupied: true, ecoRedlineCrossed: false, outsideUrbanBoundary: false, outsideUrbanMu: null },
    duty: { quantityMu: 10.5, qualityGrade: 4.2, capacityKg: 5000, permanentBasicMu: 0, feeYuan: 420000, feeRate: 40000 },
    balance: { pass: false, verdicts: ['占多补少'], providedMu: 8, providedGrade: 4, providedCapacityKg: 4000, quantityMargin: -2.5, qualityMargin: 0.2, capacityMargin: -1000, pieces: 1 },
  },
};

describe('scenario report', () => {
  it('has location, approval warnings, balance margins, parcels, sources and a signature block, in local time', () => {
    const html = scenarioReportHtml({ scenario, now: new Date(Date.UTC(2026, 11, 4, 17, 30)), version: '0.1.0', dataName: '示例县', regionName: '示例县（230123）', touched: [{ layerKind: 'cultivated', layerName: '耕地', pid: 0, id: 'P1', areaM2: 2000, whole: true, gddj: 3, dlbm: '0103' }], touchedTotal: 1 });
    expect(html).toContain('方案&lt;甲&gt;');
    expect(html).toContain('2026-12-05 01:30（北京时间 Asia/Shanghai, UTC+8）');
    expect(html).toContain('126.100000°E, 45.100000°N');
    expect(html).toContain('须报国务院批准');
    expect(html).toContain('-2.50');
    expect(html).toContain('0103 旱地');
    expect(html).toContain('3.00（整块）');
    expect(html).toContain('编制人（签字）');
    expect(html).toContain('data-key="siteAreaMu"');
    expect(html).toContain('data-value="12.345678"');
    expect(html).toContain('@page { size: A4 portrait');
  });
  it('in English: one language on the page, verdicts and code names in English, the zone named', () => {
    const html = scenarioReportHtml({ scenario, now: new Date(Date.UTC(2026, 11, 4, 17, 30)), version: '0.1.0', dataName: 'Demo', regionName: 'Demo (230123)', touched: [{ layerKind: 'cultivated', layerName: '耕地', pid: 0, id: 'P1', areaM2: 2000, whole: true, gddj: 3, dlbm: '0103' }], touchedTotal: 1, lang: 'en' });
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
    // the scenario's own name is the user's: everything else in English
    expect(text.replaceAll('方案&lt;甲&gt;', '')).not.toMatch(/[\u3400-\u9fff]/);
    for (const part of ['lang="en"', '2026-12-05 01:30 (Asia/Shanghai, UTC+8)', 'Quantity short', '0103 Dry land', 'Cultivated land', 'Compiled by (signature)', '-2.50']) expect(html).toContain(part);
  });
  it('while the map and parcels are computed, the page says so; without a map it says why', () => {
    expect(scenarioReportHtml({ scenario, now: new Date(), version: '0', pending: true })).toContain('正在绘制用地位置图');
    expect(scenarioReportHtml({ scenario, now: new Date(), version: '0', touched: [] })).toContain('地图未能生成');
  });
  it('centre of a bounding box', () => {
    expect(centreOf([sq])).toEqual([126.1, 45.1]);
    expect(centreOf([])).toBeUndefined();
  });
});
