// Reading a text file whose encoding is not declared: UTF-8 when it is valid UTF-8; otherwise the
// Chinese code page (GB18030, a superset of GBK) when its bytes read as Chinese, else Windows-1252
// (the code page of a P6 export on a Western machine).
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // not UTF-8: one of the Windows code pages
  }
  const gb = new TextDecoder('gb18030').decode(body);
  const han = (gb.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const high = body.reduce((n, b) => n + (b >= 0x80 ? 1 : 0), 0);
  // In GB18030 two high bytes make one Chinese character; in Windows-1252 text the high bytes
  // are scattered accented letters that read as rare or broken characters in GB18030.
  if (han * 2 >= high * 0.8 && !gb.includes('\ufffd')) return { text: gb, encoding: 'gb18030' };
  return { text: windows1252(body), encoding: 'windows-1252' };
}

/** Windows-1252's characters for bytes 0x80–0x9F (Node's TextDecoder reads them as Latin-1). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function windows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b,
    );
    out += String.fromCharCode(...chunk);
  }
  return out;
}
