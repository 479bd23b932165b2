// Builds a ZIP (an XLSX's container) by hand, so a test can make the files exceljs never would:
// a DOCTYPE in a sheet, an entry that unpacks to more than it declares, odd but valid XML.
import zlib from 'node:zlib';

export interface ZipFile {
  name: string;
  text: string;
  /** The uncompressed size the directory declares; the real size when not given. */
  declaredSize?: number;
}

/** An entry already deflated, with its CRC and the size its directory declares. */
export interface PackedEntry {
  name: string;
  packed: Buffer;
  crc: number;
  size: number;
}

export function zipOf(files: PackedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(f.crc, 14);
    local.writeUInt32LE(f.packed.length, 18);
    local.writeUInt32LE(f.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(f.crc, 16);
    central.writeUInt32LE(f.packed.length, 20);
    central.writeUInt32LE(f.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, f.packed);
    directory.push(central, name);
    offset += local.length + name.length + f.packed.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

export function makeZip(files: ZipFile[]): Buffer {
  return zipOf(
    files.map((f) => {
      const raw = Buffer.from(f.text);
      return {
        name: f.name,
        packed: zlib.deflateRawSync(raw),
        crc: zlib.crc32(raw),
        size: f.declaredSize ?? raw.length,
      };
    }),
  );
}
