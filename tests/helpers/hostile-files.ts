// Hostile files for the import paths (issue 16): a spreadsheet that inflates to hundreds of
// megabytes (declaring it, or lying about it), a billion-laughs XML, and giant rows. Made as a
// stream, so making a 400 MB bomb costs the test a few seconds and no memory.
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { zipOf } from './zip';

/** Deflates `head`, then `body` repeated until `bytes`, then `tail`, as a stream. */
async function deflateRepeated(head: string, body: string, bytes: number, tail: string) {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.from(body.repeat(Math.max(1, Math.floor(65_536 / body.length))));
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(Buffer.from(head));
  while (size + chunk.length < bytes) await write(chunk);
  await write(Buffer.from(tail));
  deflate.end();
  await done;
  return { packed: Buffer.concat(out), crc, size };
}

/**
 * An XLSX whose one sheet unpacks to `inflatedBytes` of rows. `declared: 'honest'` tells the truth
 * in the ZIP directory; a number is the lie it tells instead.
 */
export async function xlsxBomb(
  inflatedBytes: number,
  declared: 'honest' | number,
): Promise<Buffer> {
  const workbook = Buffer.from('<workbook><sheets><sheet r:id="r1"/></sheets></workbook>');
  const sheet = await deflateRepeated(
    '<worksheet><sheetData>',
    '<row><c t="inlineStr"><is><t>A1</t></is></c></row>',
    inflatedBytes,
    '</sheetData></worksheet>',
  );
  return zipOf([
    {
      name: 'xl/workbook.xml',
      packed: deflateRawSync(workbook),
      crc: crc32(workbook),
      size: workbook.length,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      ...sheet,
      size: declared === 'honest' ? sheet.size : declared,
    },
  ]);
}

/** Microsoft Project XML with a billion-laughs DOCTYPE (ten levels of ten). */
export function billionLaughsXml(): Buffer {
  const entities = ['<!ENTITY l0 "lol">'];
  for (let i = 1; i < 10; i++) entities.push(`<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`);
  return Buffer.from(
    `<?xml version="1.0"?>\n<!DOCTYPE Project [${entities.join('')}]>\n<Project xmlns="http://schemas.microsoft.com/project"><Name>&l9;</Name><Tasks/></Project>`,
  );
}

/** A CSV whose second line is `chars` long (a file of one giant row). */
export function giantRowCsv(chars: number, header = '姓名,班组,刷卡时间'): Buffer {
  return Buffer.from(`${header}\n${'x'.repeat(chars)}\n`);
}
