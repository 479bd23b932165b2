// An export the person asked for (the sheet, a panel's record): its format while it runs, the
// file it saved, or why it was refused.
import { useState } from 'react';
import { downloadBase64 } from './download';
import { useTask } from './use-task';

interface ExportedFile {
  fileName: string;
  mimeType: string;
  dataBase64: string;
}

export function useFileExport<Format extends string>() {
  const { label: exporting, error, run } = useTask<Format>();
  const [done, setDone] = useState<string | null>(null);
  const exportFile = async (format: Format, make: () => Promise<ExportedFile>) => {
    setDone(null);
    const file = await run(make, format);
    if (file === null) return;
    downloadBase64(file.fileName, file.mimeType, file.dataBase64);
    setDone(file.fileName);
  };
  return { exporting, done, error, exportFile };
}
