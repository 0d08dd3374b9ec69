/** Chinese labels of standard fields, for inspection panels and exports. */
export const FIELD_LABELS_ZH: Record<string, string> = {
  BSM: '标识码', YSDM: '要素代码', TBBH: '图斑编号', DLBM: '地类编码', DLMC: '地类名称', QSXZ: '权属性质',
  QSDWDM: '权属单位代码', QSDWMC: '权属单位名称', ZLDWDM: '坐落单位代码', ZLDWMC: '坐落单位名称', TBMJ: '图斑面积',
  KCDLBM: '扣除地类编码', KCXS: '扣除系数', KCMJ: '扣除面积', TBDLMJ: '图斑地类面积', GDLX: '耕地类型',
  GDPDJB: '耕地坡度级别', XZDWKD: '线状地物宽度', TBXHDM: '图斑细化代码', TBXHMC: '图斑细化名称', ZZSXDM: '种植属性代码',
  ZZSXMC: '种植属性名称', GDDB: '耕地等别', GDDJ: '耕地质量等级', ZLDJ: '质量等级', FRDBS: '飞入地标识', CZCSXM: '城镇村属性码', SJNF: '数据年份',
  XZQDM: '行政区代码', XZQMC: '行政区名称', YJJBNTTBBH: '永久基本农田图斑编号', YJJBNTTBMJ: '永久基本农田图斑面积',
  YJJBNTMJ: '永久基本农田面积', HXBM: '红线编码', HXMC: '红线名称', HXLX: '红线类型', MJ: '面积', GHFQDM: '规划分区代码',
  GHFQMC: '规划分区名称', YJCD: '盐碱程度', JZYY: '禁止原因', BZ: '备注',
};
