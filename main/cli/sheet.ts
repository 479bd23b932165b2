// `haitai sheet`: one daily sheet to a file, written atomically (a temporary file renamed into
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
  const chromium = input.format === 'pdf' ? await launchChromiumPdf() : null;
  let data: Buffer;
  try {
    data = await renderSheets(sheets, input.format, input.lang, chromium?.engine);
  } finally {
    await chromium?.close();
  }
  return writeAtomically(input.out, data);
}
