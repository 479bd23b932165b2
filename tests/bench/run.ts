// `npm run bench`: runs every benchmark and rewrites its section of BENCHMARKS.md.
import { writeSection } from './report';
import { benchSiteData } from './site-data.bench';
import { cleanTemp } from './temp';

const benches: [string, () => Promise<string>][] = [['site-data', benchSiteData]];

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
