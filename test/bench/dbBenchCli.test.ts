import { describe, expect, it } from 'vitest';
import { parseLoadLine } from './dbBenchCli';

describe('parseLoadLine', () => {
  it('reads the figures of db load’s last line', () => {
    const line = '已载入县 230901：600316 个图斑，读取 8.4 s + 写入数据库 21.1 s = 29.5 s（20350 个/秒） / loaded county 230901: 600316 parcels — read 8.4 s + database 21.1 s = 29.5 s end to end (20350 parcels/s)\n';
    expect(parseLoadLine(`写入 / writing indexes: 1 / 1\n${line}`)).toEqual({ county: '230901', parcels: 600316, readMs: 8400, dbMs: 21100 });
  });
  it('is undefined when the load did not finish', () => {
    expect(parseLoadLine('farmland: 数据有错误，未写入数据库\n')).toBeUndefined();
  });
});
