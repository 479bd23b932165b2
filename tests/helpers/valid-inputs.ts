// A valid input for every channel over the demo database: the starting point of the malformed-input
// tests (each field broken in turn) and of the fuzzing (fields replaced with hostile values).
import fs from 'node:fs';
import type { Channel } from '../../main/api/channels';
import { EMPTY_LOG_FIELDS } from '../../main/domain/daily-log';
import type { AppContext } from '../../main/app/app-context';
import { demoIds } from './demo-ids';

export async function validInputs(
  app: AppContext,
): Promise<Record<Channel, Record<string, unknown>>> {
  const ids = await demoIds(app);
  const panel = ids.notStarted[0]!;
  const event = (await app.api['panels:get']({ panelId: panel.id })).events[0]!;
  const sample = fs.readFileSync('resources/samples/panel-register.csv').toString('base64');
  const day = { projectId: ids.projectId, siteDay: ids.asOf };
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
    'stages:update': { eventId: event.id, measurements: {} },
    'stages:delete': { eventId: event.id },
    'today:get': day,
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
  };
}
