/** UI strings of the drawing tools, zh-CN first — the same mechanism as src/ui/i18n.ts (words/catalog.ts). */
import type { Lang } from '../../state/store';
import { useTranslator } from '../context';
import { type Bilingual, catalog } from '../words/catalog';

const DRAW_MESSAGES = {
  title: ['项目占地分析', 'Project land-take analysis'],
  polygon: ['多边形', 'Polygon'],
  rectangle: ['矩形', 'Rectangle'],
  freehand: ['手绘', 'Freehand'],
  select: ['编辑顶点', 'Edit vertices'],
  pan: ['浏览', 'Pan'],
  delete: ['删除所选', 'Delete selected'],
  undo: ['撤销', 'Undo'],
  redo: ['重做', 'Redo'],
  clear: ['清空', 'Clear'],
  snapping: ['吸附图斑顶点/边', 'Snap to parcel vertices/edges'],
  roleSite: ['项目用地', 'Project site'],
  roleSupplement: ['补充耕地', 'Supplementary land'],
  importFile: ['导入文件（GeoJSON / Shapefile .zip）', 'Import file (GeoJSON / Shapefile .zip)'],
  selfIntersects: ['图形自相交，已拒绝：请调整顶点使边不交叉', 'Self-intersecting shape refused: move the vertices so edges do not cross'],
  invalidImport: ['部分图形无效（自相交或坐标错误），未导入', 'Some shapes are invalid (self-intersecting or bad coordinates) and were not imported'],
  live: ['实时占用', 'Occupied now'],
  siteArea: ['项目用地面积', 'Site area'],
  mu: ['亩', 'mu'],
  parcels: ['图斑', 'parcels'],
  latency: ['更新用时', 'Update time'],
  drawHint: ['选择工具后在地图上绘制项目用地；双击或点回起点完成多边形。', 'Pick a tool and draw the project site on the map; double-click or click the first vertex to finish a polygon.'],
  report: ['占用分析报告', 'Occupation report'],
  flags: ['审批提示', 'Approval flags'],
  flagPbf: ['占用永久基本农田：须报国务院批准', 'Occupies permanent basic farmland: needs State Council approval'],
  flagEco: ['穿越生态保护红线：禁止占用', 'Crosses the ecological protection red line: forbidden'],
  flagHs: ['占用高标准农田：严禁擅自占用', 'Occupies high-standard farmland: forbidden without approval'],
  flagUrban: ['位于城镇开发边界外', 'Outside the urban development boundary'],
  flagNone: ['未占用永久基本农田、生态保护红线，位于城镇开发边界内', 'No permanent basic farmland or ecological red line; inside the urban boundary'],
  notChecked: ['未加载、未检查', 'not loaded, not checked'],
  byLandClass: ['按地类', 'By land class'],
  byGrade: ['按质量等级', 'By quality grade'],
  bySlope: ['按坡度级别', 'By slope class'],
  duty: ['补充耕地义务', 'Compensation duty'],
  quantity: ['数量', 'Quantity'],
  quality: ['质量（等级，越小越好）', 'Quality (grade, lower is better)'],
  capacity: ['产能', 'Capacity'],
  fee: ['耕地开垦费（估算）', 'Reclamation fee (estimate)'],
  feeRate: ['费率', 'rate'],
  touched: ['涉及图斑', 'Parcels touched'],
  touchedMore: ['仅列面积最大的前若干个', 'largest ones listed'],
  compensation: ['占补平衡', 'Compensation balance'],
  compHint: ['切换到“补充耕地”后绘制或导入补充地块。', 'Switch to "Supplementary land" and draw or import supplementary parcels.'],
  required: ['应补', 'Owed'],
  provided: ['已补', 'Provided'],
  margin: ['余量', 'Margin'],
  pass: ['通过', 'pass'],
  fail: ['不通过', 'fail'],
  eligibility: ['可补充性', 'Eligibility'],
  eligibleMu: ['可计入面积', 'Eligible area'],
  ineligible: ['不合规地块', 'Ineligible pieces'],
  contiguity: ['集中连片', 'Contiguity'],
  piecesN: ['块', 'pieces'],
  piece1: ['块', 'piece'],
  compactness: ['紧凑度', 'compactness'],
  verdicts: ['结论', 'Verdict'],
  balanced: ['占补平衡：数量、质量、产能均满足', 'Balanced: quantity, quality and capacity met'],
  scenarios: ['方案', 'Scenarios'],
  scenarioName: ['方案名称', 'Scenario name'],
  year: ['年度', 'Year'],
  save: ['保存方案', 'Save scenario'],
  newScenario: ['新建', 'New'],
  newScenarioHint: ['清空绘制，开始一个新方案（已保存的方案不变）', 'Clear the drawing and start a new scenario (saved ones stay as they are)'],
  saved: ['已保存', 'Saved'],
  open: ['打开', 'Open'],
  exportGeojson: ['导出 GeoJSON', 'Export GeoJSON'],
  printReport: ['打印报告', 'Print report'],
  compare: ['对比', 'Compare'],
  noScenarios: ['尚无保存的方案', 'No saved scenarios yet'],
  ledger: ['以补定占台账', 'Supplement-determines-occupation ledger'],
  region: ['区域', 'Region'],
  supplemented: ['补充（亩）', 'Supplemented (mu)'],
  occupied: ['占用（亩）', 'Occupied (mu)'],
  net: ['净增加（亩）', 'Net increase (mu)'],
  cap: ['本年上限（亩）', 'Cap this year (mu)'],
  remaining: ['剩余（亩）', 'Remaining (mu)'],
  nextCap: ['下年度上限（亩）', "Next year's cap (mu)"],
  unknown: ['未知', 'unknown'],
  paddy: ['水田', 'paddy'],
  irrigated: ['水浇地', 'irrigated'],
  dry: ['旱地', 'dry'],
  other: ['其他地类', 'other'],
  draftRestored: ['已恢复上次未保存的绘制', 'Restored the unsaved drawing'],
  linkOpened: ['已打开链接所指的已保存方案', 'Opened the saved scenario this link points to'],
  linkMissing: [
    '链接所指的方案不在此浏览器中：短链接只能在保存该方案的浏览器中打开，请向对方索取完整链接或导出的 GeoJSON',
    'The scenario in this link is not saved in this browser: a short link opens only in the browser that saved it — ask for the full link or the exported GeoJSON',
  ],
  copyLink: ['短链接', 'Short link'],
  copyLinkHint: ['复制指向此方案的短链接（#s=编号，仅在本浏览器的工作空间中有效）', "Copy a short link to this scenario (#s=id, valid in this browser's workspace only)"],
  linkCopied: ['已复制', 'Copied'],
  illustrative: ['产能系数与开垦费率为示例参数', 'Capacity coefficients and fee rates are illustrative parameters'],
  siteLayer: ['图层', 'Layer'],
  grade: ['等级', 'Grade'],
  slope: ['坡度级', 'Slope'],
  close: ['收起', 'Hide'],
  openPanel: ['项目占地', 'Land take'],
} satisfies Record<string, Bilingual>;

export type DrawKey = keyof typeof DRAW_MESSAGES;

export const dt: (lang: Lang, key: DrawKey) => string = catalog(DRAW_MESSAGES);

/** "3 个图斑" / "1 parcel", "3 parcels": a count with its noun, as each language writes it. */
export const parcelCount = (lang: Lang, n: number): string => (lang === 'zh' ? `${n} 个图斑` : `${n} ${n === 1 ? 'parcel' : 'parcels'}`);

export function useDT(): (key: DrawKey) => string {
  return useTranslator(dt);
}

/** The impact breakdown's 地类 keys (core/analysis/impact.ts) are words of this table; any other key shows as it is. */
const LAND_KEYS: ReadonlySet<string> = new Set<DrawKey>(['paddy', 'irrigated', 'dry', 'other', 'unknown']);

export const landLabel = (lang: Lang, key: string): string => (LAND_KEYS.has(key) ? dt(lang, key as DrawKey) : key);

