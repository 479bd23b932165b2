/** A PDF opened with pdfjs-dist, with no system fonts and no eval. */
async function openPdf(data: Buffer) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(data),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  return { pdfjs, doc };
}

/** The text of every page of a PDF, read back with pdfjs-dist. */
export async function pdfText(
  data: Buffer,
): Promise<{ pages: number; text: string; pageTexts: string[] }> {
  const { doc } = await openPdf(data);
  const texts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await doc.destroy();
  // CJK fonts map some glyphs to Kangxi radicals (⼯ for 工); NFKC folds them back.
  const pageTexts = texts.map((t) => t.normalize('NFKC'));
  return { pages: doc.numPages, text: pageTexts.join('\n'), pageTexts };
}

/** How many images each page of a PDF paints, read back with pdfjs-dist. */
export async function pdfImageCount(data: Buffer): Promise<number> {
  const { pdfjs, doc } = await openPdf(data);
  const paints = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject]);
  let count = 0;
  for (let i = 1; i <= doc.numPages; i++) {
    const ops = await (await doc.getPage(i)).getOperatorList();
    count += ops.fnArray.filter((fn) => paints.has(fn)).length;
  }
  await doc.destroy();
  return count;
}

/** The names of the fonts a PDF's pages draw text with (subset prefix dropped), read back with pdfjs-dist. */
export async function pdfFontNames(data: Buffer): Promise<string[]> {
  const { pdfjs, doc } = await openPdf(data);
  const names = new Set<string>();
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const ops = await page.getOperatorList();
    ops.fnArray.forEach((fn, k) => {
      if (fn !== pdfjs.OPS.setFont) return;
      const font = page.commonObjs.get(ops.argsArray[k][0] as string) as { name: string };
      names.add(font.name.replace(/^[A-Z]{6}\+/, ''));
    });
  }
  await doc.destroy();
  return [...names].sort();
}
