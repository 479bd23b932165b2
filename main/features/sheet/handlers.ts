import type { DailySheet, SheetFormat, SheetLanguage } from '../../domain/daily-sheet';
import { renderSheetHtmlString } from '../../export/html';
import { renderSheets, SHEET_MIME } from '../../export/render';
import type { Knex } from 'knex';
import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import type { sheetContract, SheetFile } from './contract';
import { assembleDailySheet, assembleSheetRange } from './daily-sheet-service';
import { sheetsToRender } from '../attachments/sheet-photos';
import { assemblePanelRecord } from '../panels/record-service';
import { RECORD_MIME, recordFileName, renderRecord } from '../../export/record';
import { approveSheet, revisionSheet, sheetState, submitSheet } from './sheet-signoff-service';

/** The day's sheet as it stands, or exactly as a revision stored it. */
const sheetOf = (db: Knex, projectId: string, siteDay: string, revision?: number) =>
  revision
    ? revisionSheet(db, projectId, siteDay, revision)
    : assembleDailySheet(db, projectId, siteDay);

export const sheetHandlers = ({
  store,
  blobs,
  pdfEngine,
}: FeatureDeps): Handlers<typeof sheetContract> => {
  const { db } = store;
  const file = async (
    sheets: DailySheet[],
    format: SheetFormat,
    lang: SheetLanguage,
    name: string,
  ): Promise<SheetFile> => {
    const withImages = await sheetsToRender(blobs, sheets, format);
    return {
      fileName: `施工日报-${name}-${lang}.${format}`,
      mimeType: SHEET_MIME[format],
      dataBase64: (await renderSheets(withImages, format, lang, pdfEngine)).toString('base64'),
    };
  };
  return {
    'sheet:preview': async ({ projectId, siteDay, lang, revision }) => {
      const sheet = await sheetOf(db, projectId, siteDay, revision);
      const [shown] = await sheetsToRender(blobs, [sheet], 'html');
      const html = renderSheetHtmlString(shown!, lang);
      return { html, empty: sheet.empty };
    },
    'sheet:export': async ({ projectId, siteDay, lang, format, revision }) =>
      file(
        [await sheetOf(db, projectId, siteDay, revision)],
        format,
        lang,
        revision ? `${siteDay}-r${revision}` : siteDay,
      ),
    'sheet:export-range': async ({ projectId, from, to, lang, format }) =>
      file(await assembleSheetRange(db, projectId, from, to), format, lang, `${from}_${to}`),
    'sheet:state': async ({ projectId, siteDay }) => sheetState(db, projectId, siteDay),
    'sheet:submit': async (input) => submitSheet(store, input),
    'sheet:approve': async (input) => approveSheet(store, input),
    'record:export': async ({ panelId, lang, format }) => {
      const record = await assemblePanelRecord(db, panelId, store.now());
      return {
        fileName: recordFileName(record, format, lang),
        mimeType: RECORD_MIME[format],
        dataBase64: (await renderRecord(record, format, lang, pdfEngine)).toString('base64'),
      };
    },
  };
};
