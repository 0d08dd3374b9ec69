import { describe, expect, it } from 'vitest';
import { browserAdvice, oneLanguage, splitBilingual } from './oneLanguage';

describe('oneLanguage', () => {
  it('picks one side of a "中文 / English" message and keeps the other for a tooltip', () => {
    expect(oneLanguage('空文件（0 字节） / empty file (0 bytes)', 'en')).toEqual({ text: 'empty file (0 bytes)', other: '空文件（0 字节）' });
    expect(oneLanguage('空文件（0 字节） / empty file (0 bytes)', 'zh').text).toBe('空文件（0 字节）');
  });
  it('joins several pairs per language', () => {
    const m = '坐标与坐标系不符 / coordinates do not fit the coordinate system: x 1e9. 可用 --epsg 指定 / give the right one with --epsg';
    const zh = oneLanguage(m, 'zh').text;
    const en = oneLanguage(m, 'en').text;
    expect(zh.replace('EPSG', '')).not.toMatch(/[A-Za-z]{4,}/);
    expect(zh).toContain('坐标与坐标系不符');
    expect(zh).toContain('导入界面');
    expect(en).not.toMatch(/[\u3400-\u9fff]/);
    expect(en).toContain('coordinates do not fit');
    expect(en).toContain('import dialog');
    expect(`${zh}${en}`).not.toContain('--epsg');
  });
  it('keeps each side of a parenthesised pair', () => {
    const p = splitBilingual('可能的 EPSG 代码 / candidate EPSG codes: (none / 无).');
    expect(p).toEqual({ zh: '可能的 EPSG 代码', en: 'candidate EPSG codes: (none).' });
  });
  it('leaves a one-language message alone but still drops CLI advice', () => {
    expect(oneLanguage('图层没有要素', 'en')).toEqual({ text: '图层没有要素' });
    expect(browserAdvice('give it with --epsg CODE', 'en')).not.toContain('--epsg');
  });
  it('turns the long-edge advice (--densify) into the import dialog’s field, in each language', async () => {
    const { noteLongEdges } = await import('../../core/io/longEdgeTally');
    const findings: Parameters<typeof noteLongEdges>[0] = [];
    noteLongEdges(findings, 'dltb.zip', { features: 2, edges: 3, longest: 812 }, undefined);
    const msg = findings[0].message;
    expect(msg).toContain('--densify');
    const zh = oneLanguage(msg, 'zh').text;
    const en = oneLanguage(msg, 'en').text;
    expect(zh).toContain('长边加密（米）');
    expect(en).toContain('Densify long edges (m)');
    expect(`${zh}${en}`).not.toContain('--densify');
  });
});
