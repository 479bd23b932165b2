import { AppError } from '../../domain/errors';
import { SCHEDULE_LIMITS, type ParsedSchedule } from '../../domain/schedule-import';
import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import { parseOffThread } from '../off-thread/parse-off-thread';
import type { scheduleImportContract } from './contract';
import { commitSchedule, previewSchedule } from './import-service';

/** The file's bytes, bounded before they are parsed, parsed on a worker thread. */
export async function readSchedule(fileName: string, dataBase64: string): Promise<ParsedSchedule> {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > SCHEDULE_LIMITS.bytes)
    throw new AppError('import.unreadable', {
      file: fileName,
      reason: `over the ${SCHEDULE_LIMITS.bytes / 1048576} MB a schedule may be`,
    });
  return (await parseOffThread('schedule', bytes, fileName)) as ParsedSchedule;
}

export const scheduleImportHandlers = ({
  store,
}: FeatureDeps): Handlers<typeof scheduleImportContract> => ({
  'schedule:import-preview': async ({ projectId, fileName, dataBase64 }) =>
    previewSchedule(store.db, projectId, fileName, await readSchedule(fileName, dataBase64)),
  'schedule:import-commit': async (input) =>
    commitSchedule(store, input, await readSchedule(input.fileName, input.dataBase64)),
});
