import { listCrewRecords } from '../../db/repositories/crew-repository';
import { getCrewDay, setCrewShift, setStaffCount } from '../services/crew-service';
import { saveDailyLog } from '../services/daily-log-service';
import { commitImport, previewImport } from '../services/import-service';
import { listMilestones, setMilestoneDue } from '../services/milestone-service';
import { getPanel, listPanels } from '../services/panel-service';
import { getProject } from '../services/project-service';
import { deleteStageEvent, recordStageEvent, updateStageEvent } from '../services/stage-service';
import type { Store } from '../services/store';
import type { SyncEngine } from '../sync/engine';
import { listConflicts, listRejected, resolveConflict } from '../services/conflict-service';
import {
  getSchedule,
  getStructureCurve,
  setCalendar,
  setStructurePlan,
} from '../services/schedule-service';
import { getToday } from '../services/today-service';
import type { AppInfo } from './contract';
import { assembleDailySheet } from '../services/daily-sheet-service';
import {
  approveSheet,
  revisionSheet,
  sheetState,
  submitSheet,
} from '../services/sheet-signoff-service';
import { renderSheetHtmlString } from '../export/html';
import { renderSheet, renderSheets, SHEET_MIME } from '../export/render';
import { daysBetween, MAX_RANGE_DAYS } from '../domain/dates';
import { AppError } from '../domain/errors';
import type { PdfEngine } from '../export/pdf';
import type { BackupInfo } from '../domain/backups';
import { defineHandlers } from './dispatch';

export interface HandlerDeps {
  store: Store;
  sync: SyncEngine;
  appInfo: () => AppInfo;
  /** Turns sheet HTML into PDF: Electron's printToPDF in the app, Chromium elsewhere. */
  pdfEngine?: PdfEngine | undefined;
  backups: {
    list: () => Promise<BackupInfo[]>;
    create: () => Promise<BackupInfo>;
    restore: (name: string) => Promise<{ restored: string; keptAside: string }>;
  };
}

const fileInput = <T extends { dataBase64: string }>({ dataBase64, ...rest }: T) => ({
  ...rest,
  data: Buffer.from(dataBase64, 'base64'),
});

export function createHandlers({ store, sync, appInfo, pdfEngine, backups }: HandlerDeps) {
  const { db } = store;
  return defineHandlers({
    'app:info': async () => appInfo(),
    'project:get': async ({ projectId }) => getProject(db, projectId),
    'panels:list': async (filter) => listPanels(db, filter),
    'panels:get': async ({ panelId }) => getPanel(db, panelId),
    'stages:record': async (input) => recordStageEvent(store, input),
    'stages:update': async (input) => updateStageEvent(store, input),
    'stages:delete': async ({ eventId }) => {
      await deleteStageEvent(store, eventId);
      return { deleted: true as const };
    },
    'today:get': async ({ projectId, siteDay }) => getToday(db, projectId, siteDay),
    'crews:day': async ({ projectId, siteDay }) => getCrewDay(db, projectId, siteDay),
    'crews:range': async ({ projectId, from, to }) => listCrewRecords(db, projectId, from, to),
    'crews:set': async (input) => setCrewShift(store, input),
    'crews:staff': async (input) => setStaffCount(store, input),
    'log:save': async (input) => saveDailyLog(store, input),
    'milestones:list': async ({ projectId }) => listMilestones(db, projectId),
    'milestones:set-due': async (input) => setMilestoneDue(store, input),
    'schedule:get': async ({ projectId, asOf }) => getSchedule(db, projectId, asOf),
    'schedule:curve': async ({ structureId, asOf }) => getStructureCurve(db, structureId, asOf),
    'schedule:set-calendar': async (input) => setCalendar(store, input),
    'schedule:set-plan': async (input) => {
      await setStructurePlan(store, input);
      return input;
    },
    'import:preview': async (input) => previewImport(db, fileInput(input)),
    'import:commit': async (input) => commitImport(store, fileInput(input)),
    'sync:status': async () => sync.status(),
    'sync:connect': async (input) => {
      const status = await sync.connect(input);
      sync.start();
      return status;
    },
    'sync:now': async () => {
      await sync.syncNow();
      return sync.status();
    },
    'sync:disconnect': async () => {
      await sync.disconnect();
      return sync.status();
    },
    'sync:conflicts': async ({ projectId }) => listConflicts(db, projectId),
    'sync:rejected': async () => listRejected(db),
    'sync:resolve': async (input) => {
      await resolveConflict(store, input);
      return listConflicts(db, (await sync.status()).projectId ?? '');
    },
    'sheet:preview': async ({ projectId, siteDay, lang, revision }) => {
      const sheet = revision
        ? await revisionSheet(db, projectId, siteDay, revision)
        : await assembleDailySheet(db, projectId, siteDay);
      return { html: renderSheetHtmlString(sheet, lang), empty: sheet.empty };
    },
    'sheet:export': async ({ projectId, siteDay, lang, format, revision }) => {
      const sheet = revision
        ? await revisionSheet(db, projectId, siteDay, revision)
        : await assembleDailySheet(db, projectId, siteDay);
      const data = await renderSheet(sheet, format, lang, pdfEngine);
      const suffix = revision ? `-r${revision}` : '';
      return {
        fileName: `施工日报-${siteDay}${suffix}-${lang}.${format}`,
        mimeType: SHEET_MIME[format],
        dataBase64: data.toString('base64'),
      };
    },
    'sheet:export-range': async ({ projectId, from, to, lang, format }) => {
      const days = daysBetween(from, to);
      if (days.length > MAX_RANGE_DAYS)
        throw new AppError('input.invalid', {
          issues: [{ path: 'to', message: `a range holds at most ${MAX_RANGE_DAYS} days` }],
        });
      const sheets = [];
      for (const d of days) sheets.push(await assembleDailySheet(db, projectId, d));
      const data = await renderSheets(sheets, format, lang, pdfEngine);
      return {
        fileName: `施工日报-${from}_${to}-${lang}.${format}`,
        mimeType: SHEET_MIME[format],
        dataBase64: data.toString('base64'),
      };
    },
    'sheet:state': async ({ projectId, siteDay }) => sheetState(db, projectId, siteDay),
    'sheet:submit': async (input) => submitSheet(store, input),
    'sheet:approve': async (input) => approveSheet(store, input),
    'backups:list': async () => backups.list(),
    'backups:create': async () => backups.create(),
    'backups:restore': async ({ name }) => backups.restore(name),
  });
}
