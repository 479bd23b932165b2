// What a ZIP file (an XLSX) declares about itself, read from its central directory before anything
// is inflated: how many entries, and how large they say they are. A decompression bomb declares
// its size (or lies, and is stopped by the inflater's own limits); either way it is refused here.

export interface ZipLimits {
  entries: number;
  uncompressedBytes: number;
}

/** Why the archive is refused, or null. Reads only the end record and the central directory. */
export function zipProblem(bytes: Uint8Array, limits: ZipLimits): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return 'not a ZIP archive (an .xlsx file is one)';
  const entries = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entries > limits.entries) return `${entries} entries, more than ${limits.entries}`;
  let total = 0;
  let at = directoryOffset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      return 'a damaged ZIP directory';
    const size = view.getUint32(at + 24, true);
    // 0xFFFFFFFF: the real size is in a ZIP64 field; a sheet that large is refused anyway.
    if (size === 0xffffffff) return 'an entry over 4 GB';
    total += size;
    if (total > limits.uncompressedBytes)
      return `it unpacks to more than ${Math.round(limits.uncompressedBytes / 1048576)} MB`;
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true);
  }
  return null;
}
