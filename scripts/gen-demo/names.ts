/** Place names for the synthetic county: plausible Heilongjiang-style names, none meant to be a real place. */
import type { Rng } from './prng';

export const COUNTY = {
  /** Not a real GB/T 2260 code: 2312xx is 绥化市, whose counties are 231221–231226 and 231281–231283. */
  code: '231299',
  name: '安丰县',
  label: '安丰县（合成数据 synthetic）',
} as const;

const TOWNSHIP_STEMS = [
  '兴隆', '永安', '太平', '丰收', '红旗', '前进', '长发', '富强', '东升', '建设', '民主', '双河', '新华', '胜利',
  '德胜', '联合', '卫星', '和平', '团结', '先锋', '向阳', '光明', '五星', '青山', '北林', '万宝', '福兴', '宏伟',
  '庆丰', '临江', '永丰', '长山', '合心', '复兴', '通达', '友谊', '平安', '丰乐', '兴华', '振兴',
];
const FIRST = ['兴', '永', '太', '丰', '红', '前', '长', '富', '东', '西', '南', '北', '新', '胜', '德', '联', '和', '团', '先', '向', '光', '五', '青', '万', '福', '宏', '庆', '临', '合', '复', '通', '友', '平', '振', '双', '三', '四', '六', '七', '八', '九', '十', '大', '小', '靠', '前', '后', '中', '上', '下', '金', '银', '宝', '安', '顺', '吉', '祥', '瑞', '春', '秋', '荣', '华', '裕', '盛'];
const SECOND = ['隆', '安', '平', '收', '旗', '进', '发', '强', '升', '设', '主', '河', '华', '利', '胜', '合', '星', '和', '结', '锋', '阳', '明', '山', '林', '宝', '兴', '伟', '丰', '江', '乐', '泉', '岗', '屯', '家', '井', '岭', '甸', '台', '营', '堡', '城', '源', '福', '顺', '德', '义', '信', '荣', '庄', '园'];
const VILLAGE_SUFFIX = ['村'];

/** `count` distinct township names; the first is the county seat town. */
export function townshipNames(count: number, rng: Rng): string[] {
  const out: string[] = [];
  const used = new Set<string>(['安丰']);
  out.push('安丰镇');
  const stems = TOWNSHIP_STEMS.slice();
  while (out.length < count) {
    let stem: string;
    if (stems.length > 0) stem = stems.splice(Math.floor(rng.next() * stems.length), 1)[0];
    else stem = rng.pick(FIRST) + rng.pick(SECOND);
    if (used.has(stem)) continue;
    used.add(stem);
    out.push(stem);
  }
  return out;
}

/** `count` distinct village names (unique within one township). */
export function villageNames(count: number, rng: Rng): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  while (out.length < count) {
    const name = rng.pick(FIRST) + rng.pick(SECOND) + rng.pick(VILLAGE_SUFFIX);
    if (used.has(name)) continue;
    used.add(name);
    out.push(name);
  }
  return out;
}
