import { describe, expect, it } from 'vitest';
import { parseRegister, type Cell } from '../../../main/domain/panel-register';

const zhHeader = ['幅段号', '类型', '长度(m)', '厚度（m）', '设计槽深', '墙顶标高', '接头形式'];

describe('reading a panel register', () => {
  it('understands Chinese and English headers and type names', () => {
    const zh = parseRegister([
      ['台账标题'],
      zhHeader,
      ['A1', 'Ⅰ期', 3.6, 1.2, 60, 3.5, '工字型钢'],
      ['B1', 'II期', '3.2', '1.2', '60', '3.5', ''],
    ]);
    expect(zh.issues).toEqual([]);
    expect(
      zh.rows.map((r) => [
        r.row,
        r.design.code,
        r.design.type,
        r.design.lengthM,
        r.design.toeLevelM,
        r.design.jointType,
      ]),
    ).toEqual([
      [3, 'A1', 'primary', 3.6, 3.5, 'h_steel'].map((v, i) => (i === 4 ? -56.5 : v)),
      [4, 'B1', 'secondary', 3.2, -56.5, null],
    ]);
    const en = parseRegister([
      ['Panel no.', 'Type', 'Length', 'Thickness', 'Design depth', 'Top level', 'Structure'],
      ['C1', 'closing', 3.4, 1.2, 60, 3.5, 'HM-SHAFT'],
    ]);
    expect(en.rows[0]).toMatchObject({
      structureCode: 'HM-SHAFT',
      design: { code: 'C1', type: 'closing' },
    });
  });

  it('reports every problem by spreadsheet row and column, and keeps the good rows apart', () => {
    const table: Cell[][] = [
      zhHeader,
      ['A1', 'Ⅰ期', 3.6, 1.2, 60, 3.5, null],
      ['A2', '三期', 3.6, 1.2, -60, 3.5, null],
      ['A1', 'Ⅰ期', 'three', 1.2, 60, 3.5, '木板'],
      ['', 'Ⅱ期', 3.2, 1.2, 60, 3.5, null],
      [null, null, null, null, null, null, null],
      ['B2', 'Ⅱ期', 3.2, 9, 60, 3.5, null],
    ];
    const { rows, issues } = parseRegister(table);
    expect(rows.map((r) => r.design.code)).toEqual(['A1']);
    expect(issues).toEqual([
      { row: 3, column: 'type', reason: 'unknown type "三期"' },
      { row: 3, column: 'designDepthM', reason: expect.any(String) },
      { row: 4, column: 'jointType', reason: 'unknown joint type "木板"' },
      { row: 4, column: 'lengthM', reason: 'not a number: "three"' },
      { row: 4, column: 'code', reason: 'duplicate of row 2' },
      { row: 5, column: 'code', reason: 'empty' },
      { row: 7, column: 'thicknessM', reason: expect.any(String) },
    ]);
  });

  it('says which required columns are missing', () => {
    const { rows, issues } = parseRegister([
      ['幅段号', '类型'],
      ['A1', 'Ⅰ期'],
    ]);
    expect(rows).toEqual([]);
    expect(issues.map((i) => i.column)).toEqual([
      'lengthM',
      'thicknessM',
      'designDepthM',
      'topLevelM',
    ]);
    expect(parseRegister([['nothing', 'here']]).issues[0]!.reason).toMatch(/幅段号/);
  });
});
