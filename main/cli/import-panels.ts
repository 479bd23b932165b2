import fs from 'node:fs';
import { AppError } from '../domain/errors';
import type { ImportPreview } from '../domain/panel-register';

export function readImportFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new AppError('import.unreadable', {
      file,
      reason: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
}

/** The preview as an engineer reads it in a terminal: counts, then every problem by row. */
export function printPreview(preview: ImportPreview, out: (line: string) => void): void {
  const { create, update, unchanged } = preview.counts;
  out(
    `${preview.fileName}: ${create} new / 新增, ${update} changed / 更新, ${unchanged} unchanged / 不变`,
  );
  for (const row of preview.rows.filter((r) => r.action !== 'unchanged')) {
    out(`  row ${row.row}  ${row.structureCode} ${row.code}  ${row.action}`);
  }
  for (const issue of preview.issues) {
    out(`  row ${issue.row}, column ${issue.column}: ${issue.reason}`);
  }
}
