// The streamed XLSX reader: what exceljs writes reads back cell for cell, odd but valid workbooks
// (prefixed tags, inline and rich strings, the 1904 date system, built-in date formats) read right,
// and hostile ones are refused with a reason, whatever they hold.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isDateFormat, readXlsxRows } from '../../../main/features/off-thread/xlsx-rows';
import { expectAppError } from '../../helpers/expect-app-error';
import { makeZip, type ZipFile } from '../../helpers/zip';

const LIMITS = { zipEntries: 100, unpackedBytes: 10_000_000, rows: 1000, sharedChars: 100_000 };

async function rowsOf(bytes: Uint8Array, limits = LIMITS) {
  const rows: [number, string[]][] = [];
  await readXlsxRows(bytes, limits, (cells, n) => rows.push([n, cells]));
  return rows;
}

const wallClock = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

/** A workbook of one sheet with this XML, and these shared strings and styles. */
function workbook(sheet: string, extra: { shared?: string; styles?: string; pr?: string } = {}) {
  const files: ZipFile[] = [
    {
      name: 'xl/workbook.xml',
      text: `<workbook xmlns:r="r">${extra.pr ?? ''}<sheets><sheet name="S" r:id="rId7"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text: '<Relationships><Relationship Id="rId7" Target="worksheets/gate.xml"/></Relationships>',
    },
    { name: 'xl/worksheets/gate.xml', text: sheet },
  ];
  if (extra.shared) files.push({ name: 'xl/sharedStrings.xml', text: extra.shared });
  if (extra.styles) files.push({ name: 'xl/styles.xml', text: extra.styles });
  return makeZip(files);
}

describe('readXlsxRows', () => {
  it('reads back what exceljs writes, cell for cell', async () => {
    const data: (string | number | boolean | Date | null)[][] = [
      ['姓名', '班组', '刷卡时间', '次数', '在场'],
      ['张三', '钢筋班', new Date(Date.UTC(2023, 0, 27, 6, 50, 0)), 3, true],
      ['李四', null, new Date(Date.UTC(2023, 0, 26, 23, 59, 59)), 2.5, false],
      [null, '', null, -0.125, null],
    ];
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('考勤');
    book.addWorksheet('second').addRow(['not read']);
    data.forEach((row) => sheet.addRow(row));
    sheet.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm:ss';
    sheet.getCell('F2').value = {
      richText: [{ text: '进' }, { text: '场', font: { bold: true } }],
    };
    sheet.getCell('G2').value = { formula: 'D2*2', result: 6 };
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const rows = await rowsOf(bytes);
    const text = (v: (typeof data)[0][0]) =>
      v === null ? '' : v instanceof Date ? wallClock(v) : String(v);
    const expected = data.map((row, i) => {
      const cells = row.map(text);
      if (i === 1) cells.push('进场', '6');
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      return [i + 1, cells];
    });
    expect(rows).toEqual(expected);
  });

  it('reads prefixed tags, inline and rich strings, phonetic runs left out, holes and row numbers', async () => {
    const sheet = `<x:worksheet xmlns:x="main"><x:sheetData>
      <x:row r="3"><x:c r="B3" t="s"><x:v>0</x:v></x:c><x:c r="D3" t="inlineStr"><x:is><x:t>in</x:t><x:r><x:t>line</x:t></x:r></x:is></x:c></x:row>
      <x:row><x:c t="s"><x:v>1</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:v>f</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const shared = `<sst><si><t>钢筋班</t></si><si><r><t>王</t></r><r><t>五</t></r><rPh><t>ワン</t></rPh></si></sst>`;
    expect(await rowsOf(workbook(sheet, { shared }))).toEqual([
      [3, ['', '钢筋班', '', 'inline']],
      [4, ['王五', 'true', '', 'f']],
    ]);
  });

  it('turns date cells into wall-clock text by style, in both date systems', async () => {
    const styles = `<styleSheet><numFmts><numFmt numFmtId="164" formatCode="&quot;d&quot;0.00"/><numFmt numFmtId="165" formatCode="yyyy/m/d h:mm"/></numFmts>
      <cellStyleXfs><xf numFmtId="22"/></cellStyleXfs>
      <cellXfs><xf numFmtId="0"/><xf numFmtId="22"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`;
    // 44953.28472222 is 2023-01-27 06:50 in the 1900 system.
    const serial = (Date.UTC(2023, 0, 27, 6, 50) / 86_400_000 + 25569).toFixed(8);
    const sheet = `<worksheet><sheetData><row r="1">
      <c r="A1"><v>${serial}</v></c><c r="B1" s="1"><v>${serial}</v></c><c r="C1" s="2"><v>1.5</v></c>
      <c r="D1" s="3"><v>${serial}</v></c><c r="E1" t="d"><v>2023-01-27T06:50:00Z</v></c></row></sheetData></worksheet>`;
    const cells = (await rowsOf(workbook(sheet, { styles })))[0]![1];
    expect(cells).toEqual([
      String(Number(serial)),
      '2023-01-27 06:50:00',
      '1.5',
      '2023-01-27 06:50:00',
      '2023-01-27 06:50:00',
    ]);
    const in1904 = await rowsOf(workbook(sheet, { styles, pr: '<workbookPr date1904="1"/>' }));
    expect(in1904[0]![1][1]).toBe('2027-01-28 06:50:00');
  });

  it('knows a date format from a number format', () => {
    for (const code of ['yyyy-mm-dd', 'h:mm AM/PM', '[$-804]yyyy"年"m"月"d"日"', 'mm:ss'])
      expect(isDateFormat(code), code).toBe(true);
    for (const code of ['General', '0.00', '#,##0', '"hours"0', '[Red]0', '@', '\\d0'])
      expect(isDateFormat(code), code).toBe(false);
  });

  it('refuses hostile workbooks with a reason', async () => {
    const lol = `<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>`;
    const big = `<worksheet><sheetData><row><c t="inlineStr"><is><t>${'x'.repeat(50_000)}</t></is></c></row></sheetData></worksheet>`;
    const cases: [string, Buffer, string][] = [
      ['a DOCTYPE (billion laughs)', workbook(lol), 'DOCTYPE'],
      [
        'a cell past the last column',
        workbook(
          '<worksheet><sheetData><row><c r="ZZZZ1"><v>1</v></c></row></sheetData></worksheet>',
        ),
        'out of range',
      ],
      [
        'a row past the limit',
        workbook('<worksheet><sheetData><row r="1001"/></sheetData></worksheet>'),
        'more than 1000 rows',
      ],
      ["a cell over Excel's length", workbook(big), 'over 32767 characters'],
      ['broken XML', workbook('<worksheet><sheetData><row></sheetData>'), 'not well-formed'],
      [
        'shared text past the limit',
        workbook('<worksheet/>', { shared: `<sst><si><t>${'x'.repeat(100_001)}</t></si></sst>` }),
        'characters of text',
      ],
      ['no workbook', makeZip([{ name: 'a.xml', text: '<a/>' }]), 'not an Excel workbook'],
    ];
    // An entry that unpacks to far more than its directory says: stopped at the declared size.
    const liar = makeZip([
      { name: 'xl/workbook.xml', text: '<workbook><sheets><sheet r:id="x"/></sheets></workbook>' },
      {
        name: 'xl/worksheets/sheet1.xml',
        text: `<worksheet>${' '.repeat(5_000_000)}</worksheet>`,
        declaredSize: 1000,
      },
    ]);
    cases.push(['an entry that lies about its size', liar, 'unpacks to more than it declares']);
    for (const [what, bytes, reason] of cases) {
      const error = await expectAppError(rowsOf(bytes), 'import.unreadable');
      expect(String(error.details.reason), what).toContain(reason);
    }
  });
});
