import { z } from 'zod';
import { siteDaySchema as day } from '../../domain/dates';
import { SHEET_FORMATS, SHEET_LANGUAGES, type SheetState } from '../../domain/daily-sheet';
import { idSchema } from '../../domain/ids';
import { channel } from '../channel';
import { RECORD_FORMATS } from '../../domain/panel-record';

export interface SheetFile {
  fileName: string;
  mimeType: string;
  dataBase64: string;
}

const sheetDay = { projectId: idSchema, siteDay: day };
const lang = z.enum(SHEET_LANGUAGES);
const revision = z.number().int().positive().optional();

export const sheetContract = {
  'sheet:preview': channel(z.object({ ...sheetDay, lang, revision }).strict()).returns<{
    html: string;
    empty: boolean;
  }>(),
  'sheet:export': channel(
    z.object({ ...sheetDay, lang, format: z.enum(SHEET_FORMATS), revision }).strict(),
  ).returns<SheetFile>(),
  'sheet:export-range': channel(
    z
      .object({ projectId: idSchema, from: day, to: day, lang, format: z.enum(SHEET_FORMATS) })
      .strict()
      .refine((r) => r.from <= r.to, { message: 'from after to', path: ['from'] }),
  ).returns<SheetFile>(),
  'sheet:state': channel(z.object(sheetDay).strict()).returns<SheetState>(),
  'sheet:submit': channel(z.object(sheetDay).strict()).returns<SheetState>(),
  'sheet:approve': channel(z.object(sheetDay).strict()).returns<SheetState>(),
  /** A panel's construction record (槽段施工记录). */
  'record:export': channel(
    z.object({ panelId: idSchema, lang, format: z.enum(RECORD_FORMATS) }).strict(),
  ).returns<SheetFile>(),
};
