// What a ZIP file (an XLSX) declares about itself, read from its central directory before anything
// is inflated: how many entries, and how large they say they are. A decompression bomb declares
// its size (or lies, and is stopped by the inflater's own limits); either way it is refused here.

export interface ZipLimits {
  entries: number;
  uncompressedBytes: number;
}

/** One file in the archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** The declared unpacked size; the inflater holds the entry to it. */
  size: number;
  /** Where the entry's bytes start in the archive. */
  dataOffset: number;
}

/** The archive's entries, or why it is refused. Reads only the end record and the directory. */
export function zipEntries(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return 'not a ZIP archive (an .xlsx file is one)';
  const count = view.getUint16(end + 10, true);
  if (count > limits.entries) return `${count} entries, more than ${limits.entries}`;
  const names = new TextDecoder();
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      return 'a damaged ZIP directory';
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    // 0xFFFFFFFF: the real size is in a ZIP64 field; a sheet that large is refused anyway.
    if (size === 0xffffffff || compressedSize === 0xffffffff) return 'an entry over 4 GB';
    total += size;
    if (total > limits.uncompressedBytes)
      return `it unpacks to more than ${Math.round(limits.uncompressedBytes / 1048576)} MB`;
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50)
      return 'a damaged ZIP entry';
    const dataOffset =
      local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataOffset + compressedSize > bytes.length) return 'a truncated ZIP entry';
    entries.push({
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize,
      size,
      dataOffset,
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** Why the archive is refused, or null. */
export function zipProblem(bytes: Uint8Array, limits: ZipLimits): string | null {
  const entries = zipEntries(bytes, limits);
  return typeof entries === 'string' ? entries : null;
}
