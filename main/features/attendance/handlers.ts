import { AppError } from '../../domain/errors';
import type { Handlers } from '../channel';
import type { FeatureDeps } from '../deps';
import { TABLE_LIMITS } from '../off-thread/read-table';
import type { attendanceContract } from './contract';
import { commitAttendance, previewAttendance } from './attendance-service';

/** The file's bytes, refused by size before anything reads them. */
function bytesOf(fileName: string, dataBase64: string): Uint8Array {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > TABLE_LIMITS.bytes)
    throw new AppError('import.unreadable', {
      file: fileName,
      reason: `larger than ${TABLE_LIMITS.bytes / 1048576} MB`,
    });
  return bytes;
}

export const attendanceHandlers = ({
  store,
}: FeatureDeps): Handlers<typeof attendanceContract> => ({
  'attendance:preview': async ({ dataBase64, ...input }) =>
    previewAttendance(store, { ...input, bytes: bytesOf(input.fileName, dataBase64) }),
  'attendance:commit': async ({ dataBase64, ...input }) =>
    commitAttendance(store, { ...input, bytes: bytesOf(input.fileName, dataBase64) }),
});
