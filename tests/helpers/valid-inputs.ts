// A valid input for every channel over the demo database: the starting point of the malformed-input
// tests (each field broken in turn) and of the fuzzing (fields replaced with hostile values).
import fs from 'node:fs';
import type { Channel } from '../../main/api/channels';
import { EMPTY_LOG_FIELDS } from '../../main/domain/daily-log';
import type { AppContext } from '../../main/app/app-context';
import { demoIds } from './demo-ids';
import { makePhoto } from './photos';

const LAYOUT = { primaryLengthM: 3.6, secondaryLengthM: 3.2, thicknessM: 1.2, designDepthM: 60 };

export async function validInputs(
  app: AppContext,
): Promise<Record<Channel, Record<string, unknown>>> {
  const ids = await demoIds(app);
  const panel = ids.notStarted[0]!;
  const event = (await app.api['panels:get']({ panelId: panel.id })).events[0]!;
  const sample = fs.readFileSync('resources/samples/panel-register.csv').toString('base64');
  const day = { projectId: ids.projectId, siteDay: ids.asOf };
  const exported = await app.api['project:export']({ projectId: ids.projectId });
  const definition = JSON.parse(Buffer.from(exported.dataBase64, 'base64').toString('utf8'));
  definition.project.code = 'COPY';
  const definitionFile = Buffer.from(JSON.stringify(definition)).toString('base64');
  const machines = await app.api['machines:list']({ projectId: ids.projectId });
  const rig = machines.find((m) => m.kind === 'hydraulic_grab')!;
  const materials = await app.api['materials:day'](day);
  const entry = {
    kind: 'delivery',
    material: 'C35 P10 水下混凝土',
    quantity: 36.5,
    unit: 'm3',
    supplier: '海门中建商品混凝土有限公司',
    deliveryNote: 'HMC-230127',
    note: null,
  };
  const rebar = (await app.api['teams:list']({ projectId: ids.projectId })).find(
    (t) => t.code === 'rebar',
  )!;
  const gate = {
    projectId: ids.projectId,
    fileName: 'gate.csv',
    dataBase64: fs.readFileSync('tests/fixtures/attendance-gb18030.csv').toString('base64'),
  };
  const photo = (await makePhoto({ taken: '2023:01:27 10:15:00', seed: 99 })).toString('base64');
  const added = await app.api['attachments:add']({
    projectId: ids.projectId,
    fileName: 'trench.jpg',
    dataBase64: photo,
  });
  const schedule = {
    projectId: ids.projectId,
    fileName: 'plan.xer',
    dataBase64: fs.readFileSync('tests/fixtures/schedule-cp1252.xer').toString('base64'),
  };
  return {
    'app:info': {},
    'project:get': { projectId: ids.projectId },
    'panels:list': { projectId: ids.projectId },
    'panels:get': { panelId: panel.id },
    'stages:record': {
      panelId: panel.id,
      stage: 'excavation',
      siteDay: ids.asOf,
      shift: 'day',
      measurements: { depthM: 60.2 },
    },
    'records:correct': {
      recordTable: 'panel_stage_events',
      recordId: event.id,
      action: 'corrected',
      values: { depthM: 61 },
      reason: '复测',
    },
    'inspections:record': {
      panelId: panel.id,
      kind: 'slurry',
      siteDay: ids.asOf,
      shift: 'day',
      values: { slurryDensity: 1.2, slurryViscosityS: 30, slurrySandPct: 4 },
    },
    'inspections:undo': { inspectionId: event.id },
    'stages:delete': { eventId: event.id },
    'record:export': { panelId: panel.id, lang: 'zh-CN', format: 'xlsx' },
    'acceptances:decide': {
      panelId: panel.id,
      point: 'trench',
      decision: 'rejected',
      remark: '沉渣超标，重新清底',
    },
    'today:get': day,
    'today:opening': {},
    'crews:day': day,
    'crews:range': { projectId: ids.projectId, from: ids.asOf, to: ids.asOf },
    'crews:set': { ...day, shift: 'night', teamId: ids.teams[0]!.id, headcount: 30, hours: 12 },
    'crews:staff': { ...day, headcount: 150 },
    'log:save': { ...day, fields: { ...EMPTY_LOG_FIELDS, weatherAm: 'sunny' } },
    'milestones:list': { projectId: ids.projectId },
    'milestones:set-due': { milestoneId: ids.milestone.id, dueDate: '2023-02-25' },
    'schedule:get': { projectId: ids.projectId, asOf: ids.asOf },
    'schedule:curve': { structureId: ids.structureId, asOf: ids.asOf },
    'schedule:set-calendar': {
      projectId: ids.projectId,
      calendar: { restWeekdays: [0], nonWorking: [], reduced: [] },
    },
    'schedule:set-plan': {
      structureId: ids.structureId,
      plannedStart: '2022-11-01',
      plannedFinish: '2023-03-01',
    },
    'import:preview': { projectId: ids.projectId, fileName: 'r.csv', dataBase64: sample },
    'import:commit': { projectId: ids.projectId, fileName: 'r.csv', dataBase64: sample },
    'sync:status': {},
    'sync:connect': {
      url: 'http://127.0.0.1:9/',
      username: 'li',
      password: 'secret',
      deviceName: 'laptop',
    },
    'sync:now': {},
    'sync:disconnect': {},
    'sync:conflicts': { projectId: ids.projectId },
    'sync:rejected': {},
    'sync:kept-aside': {},
    'sync:resolve': { conflictId: ids.milestone.id, keep: 'kept' },
    'sheet:preview': { ...day, lang: 'zh-CN' },
    'sheet:export': { ...day, lang: 'en', format: 'csv' },
    'sheet:export-range': {
      projectId: ids.projectId,
      from: ids.asOf,
      to: ids.asOf,
      lang: 'en',
      format: 'csv',
    },
    'sheet:state': day,
    'sheet:submit': day,
    'sheet:approve': day,
    'backups:list': {},
    'backups:create': {},
    'backups:restore': { name: 'haitai-20230101-000000-000-manual.sqlite' },
    'project:list': {},
    'project:first-run': {},
    'project:export': { projectId: ids.projectId },
    'project:create-from-file': { fileName: 'copy.json', dataBase64: definitionFile },
    'project:select': { projectId: ids.projectId },
    'schedule:import-preview': schedule,
    'attachments:add': {
      projectId: ids.projectId,
      fileName: 'cage.jpg',
      dataBase64: (await makePhoto({ taken: '2023:01:26 09:00:00', seed: 98 })).toString('base64'),
      modifiedAt: '2023-01-26T09:00:00+08:00',
      owner: { type: 'stage_event', id: event.id },
      caption: '钢筋笼入槽前',
    },
    'attachments:list': { projectId: ids.projectId, siteDay: ids.asOf },
    'attachments:update': { attachmentId: added.id, caption: '槽段验收', inSheet: true },
    'attachments:remove': { attachmentId: added.id },
    'attachments:file': { attachmentId: added.id, variant: 'thumb' },
    'attachments:storage': {},
    'attachments:set-retention': { retentionDays: 45 },
    'attachments:collect': {},
    'sync:keep-files': { keepAll: true },
    'attendance:preview': gate,
    'attendance:commit': { ...gate, teams: [{ name: '钢筋加工班', teamId: rebar.id }] },
    'machines:list': { projectId: ids.projectId },
    'machines:save': {
      projectId: ids.projectId,
      code: 'CC-90',
      kind: 'crawler_crane',
      makeModel: '中联 ZCC900',
      onSite: true,
    },
    'machines:retire': { machineId: rig.id, retired: true },
    'machines:day': day,
    'machines:set': {
      ...day,
      shift: 'day',
      machineId: rig.id,
      hours: {
        hoursWorking: 9.5,
        hoursStandby: 1.5,
        hoursDown: 1,
        downReason: 'waiting_cage',
        note: '等钢筋笼',
      },
    },
    'machines:stats': { projectId: ids.projectId, asOf: ids.asOf },
    'materials:day': day,
    'materials:add': { ...day, entry },
    'materials:update': { entryId: materials.entries[0]!.id, entry },
    'materials:remove': { entryId: materials.entries[0]!.id },
    'schedule:import-commit': {
      ...schedule,
      milestones: [{ code: 'M1000', scope: { structureId: ids.structureId } }],
      plans: [{ structureId: ids.structureId, code: 'A1000' }],
    },
    'project:create': { code: 'TC-1', nameZh: '太仓工作井', nameEn: 'Taicang working shaft' },
    'project:update': { projectId: ids.projectId, ownerName: '海太公司' },
    'teams:list': { projectId: ids.projectId },
    'teams:save': {
      projectId: ids.projectId,
      code: 'survey2',
      nameZh: '测量二班',
      nameEn: 'Survey 2',
    },
    'teams:retire': { teamId: ids.teams[0]!.id, retired: true },
    'teams:reorder': { projectId: ids.projectId, teamIds: [ids.teams[1]!.id] },
    'structures:save': {
      projectId: ids.projectId,
      code: 'TC',
      nameZh: '太仓工作井',
      nameEn: 'Taicang shaft',
      kind: 'shaft',
      outline: { shape: 'circle', diameterM: 60 },
    },
    'structures:retire': { structureId: ids.structureId, retired: false },
    'layout:preview': { ...LAYOUT, outline: { shape: 'rectangle', lengthM: 60, widthM: 42 } },
    'layout:apply': { ...LAYOUT, structureId: ids.structureId },
    'panels:add': {
      structureId: ids.structureId,
      code: 'X1',
      type: 'primary',
      lengthM: 3.6,
      thicknessM: 1.2,
      designDepthM: 60,
      topLevelM: 3.5,
    },
    'panels:update': { panelId: panel.id, changes: { cageWeightT: 40 }, reason: 'drawing rev. B' },
    'panels:retire': { panelId: panel.id, retired: true },
    'panels:remove': { panelId: panel.id },
    'milestones:create': {
      projectId: ids.projectId,
      nameZh: '导墙完成',
      nameEn: 'Guide walls done',
      dueDate: '2023-03-01',
      scope: { structureId: ids.structureId },
      stage: 'guide_wall',
    },
    'milestones:update': { milestoneId: ids.milestone.id, nameEn: 'Walls complete' },
    'milestones:delete': { milestoneId: ids.milestone.id },
  };
}
