import { decideAcceptance } from './acceptance-service';
import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import type { panelsContract } from './contract';
import { commitImport, previewImport } from './import-service';
import { addPanel, removePanel, retirePanel, updatePanel } from './panel-edit-service';
import { getPanel, listPanels } from './panel-service';
import { correctRecord, recordInspection, undoInspection } from './inspection-service';
import { deleteStageEvent, recordStageEvent } from './stage-service';

const fileInput = <T extends { dataBase64: string }>({ dataBase64, ...rest }: T) => ({
  ...rest,
  data: Buffer.from(dataBase64, 'base64'),
});

export const panelsHandlers = ({ store }: FeatureDeps): Handlers<typeof panelsContract> => ({
  'panels:add': async (input) => addPanel(store, input),
  'panels:update': async (input) => updatePanel(store, input),
  'panels:retire': async (input) => retirePanel(store, input),
  'panels:remove': async ({ panelId }) => removePanel(store, panelId),
  'panels:list': async (filter) => listPanels(store.db, filter),
  'panels:get': async ({ panelId }) => getPanel(store.db, panelId),
  'stages:record': async (input) => recordStageEvent(store, input),
  'inspections:record': async (input) => recordInspection(store, input),
  'inspections:undo': async ({ inspectionId }) => {
    await undoInspection(store, inspectionId);
    return { deleted: true as const };
  },
  'records:correct': async (input) => correctRecord(store, input),
  'acceptances:decide': async (input) => decideAcceptance(store, input),
  'stages:delete': async ({ eventId }) => {
    await deleteStageEvent(store, eventId);
    return { deleted: true as const };
  },
  'import:preview': async (input) => previewImport(store.db, fileInput(input)),
  'import:commit': async (input) => commitImport(store, fileInput(input)),
});
