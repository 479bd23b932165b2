// `npm run bench`: runs every benchmark and rewrites its section of BENCHMARKS.md.
import { writeSection } from './report';
import { benchSiteData } from './site-data.bench';
import { benchSync } from './sync.bench';
import { benchInitialSync } from './initial-sync.bench';
import { benchSheet } from './sheet.bench';
import { benchSchedule } from './schedule.bench';
import { benchNaturalKeys } from './natural-keys.bench';
import { benchSetup } from './setup.bench';
import { benchScheduleImport } from './schedule-import.bench';
import { benchAttendance } from './attendance.bench';
import { benchPhotoSheet, benchPhotos } from './photos.bench';
import { benchHostile } from './hostile.bench';
import { benchFiles } from './files.bench';
import { benchFirstScreen } from './first-screen.bench';
import { benchLiveUpdate } from './live-update.bench';
import { cleanTemp } from './temp';

const only = process.argv[2];
const benches: [string, () => Promise<string>][] = (
  [
    ['site-data', benchSiteData],
    ['sync', benchSync],
    ['initial-sync', benchInitialSync],
    ['sheet', benchSheet],
    ['schedule', benchSchedule],
    ['natural-keys', benchNaturalKeys],
    ['setup', benchSetup],
    ['schedule-import', benchScheduleImport],
    ['attendance', benchAttendance],
    ['photos', benchPhotos],
    ['photo-sheet', benchPhotoSheet],
    ['files', benchFiles],
    ['hostile', benchHostile],
    ['first-screen', benchFirstScreen],
    ['live-update', benchLiveUpdate],
  ] as [string, () => Promise<string>][]
).filter(([name]) => !only || name === only);

try {
  for (const [name, run] of benches) {
    process.stdout.write(`bench ${name}… `);
    const markdown = await run();
    writeSection(name, markdown);
    console.log('done');
    console.log(markdown);
  }
} finally {
  cleanTemp();
}
