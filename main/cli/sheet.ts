// `haitai sheet` and `haitai record`: one daily sheet (or a panel's record) to a file, written atomically (a temporary file renamed into
// place), so a failure never leaves a half-written sheet behind.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../domain/errors';
import type { SheetLanguage } from '../export/labels';
import { renderSheets, type SheetFormat } from '../export/render';
import type { AppContext } from '../app/app-context';
import { assembleDailySheets } from '../features/sheet/daily-sheet-service';
import { sheetsToRender } from '../features/attachments/sheet-photos';
import { getProject } from '../features/project/project-service';
import { launchChromiumPdf } from '../app/chromium-pdf';
import type { RecordFormat } from '../domain/panel-record';
import type { PdfEngine } from '../export/pdf';
import { renderRecord } from '../export/record';
import { assemblePanelRecord, panelByCode } from '../features/panels/record-service';

export async function writeAtomically(file: string, data: Buffer): Promise<string> {
  const target = path.resolve(file);
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(4).toString('hex')}.partial`,
  );
  try {
    await fs.promises.writeFile(temp, data, { flag: 'wx' });
    await fs.promises.rename(temp, target);
    return target;
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw new AppError('export.write_failed', {
      file: target,
      reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message,
    });
  }
}

/** Renders with system Chromium as the PDF engine when the file is a PDF, closing it after. */
async function withPdfEngine(
  format: string,
  render: (engine: PdfEngine | undefined) => Promise<Buffer>,
): Promise<Buffer> {
  const chromium = format === 'pdf' ? await launchChromiumPdf() : null;
  try {
    return await render(chromium?.engine);
  } finally {
    await chromium?.close();
  }
}

export async function exportSheet(
  context: AppContext,
  input: {
    projectId?: string | undefined;
    days: string[];
    format: SheetFormat;
    lang: SheetLanguage;
    out: string;
  },
): Promise<string> {
  const project = await getProject(context.db, input.projectId);
  const assembled = await assembleDailySheets(context.db, project.id, input.days);
  const sheets = await sheetsToRender(context.blobs, assembled, input.format);
  return writeAtomically(
    input.out,
    await withPdfEngine(input.format, (engine) =>
      renderSheets(sheets, input.format, input.lang, engine),
    ),
  );
}

/** `haitai record`: a panel's construction record, found by its code. */
export async function exportRecord(
  context: AppContext,
  input: {
    project?: string | undefined;
    panel: string;
    structure?: string | undefined;
    format: RecordFormat;
    lang: SheetLanguage;
    out: string;
  },
): Promise<string> {
  const project = await getProject(context.db, input.project);
  const panelId = await panelByCode(context.db, project.id, input.panel, input.structure);
  const record = await assemblePanelRecord(context.db, panelId, new Date());
  return writeAtomically(
    input.out,
    await withPdfEngine(input.format, (engine) =>
      renderRecord(record, input.format, input.lang, engine),
    ),
  );
}
