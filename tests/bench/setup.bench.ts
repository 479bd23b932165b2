// Issue 13 (project set-up): the layout generator over a 2,000-panel project (12 structures of
// the reference scale's outlines), and a project created from the reference dataset's definition
// file (2,000 panels, 30 teams, 60 milestones), with peak RSS.
import { openAppContext } from '../../main/app/app-context';
import { generateLayout } from '../../main/domain/panel-layout';
import type { Outline } from '../../main/domain/outline';
import { REFERENCE_LAST_DAY, seedReferenceProject } from '../../main/features/demo/reference-data';
import {
  createFromDefinition,
  exportDefinition,
} from '../../main/features/setup/definition-service';
import { machine, ms, summary, timed } from './stats';
import { tempDir } from './temp';

/** The reference scale's outlines: 4 shafts (80 × 60 m) and 8 cut-and-cover sections. */
const OUTLINES: Outline[] = [
  ...Array.from({ length: 4 }, (): Outline => ({ shape: 'rectangle', lengthM: 80, widthM: 60 })),
  ...Array.from({ length: 8 }, (): Outline => ({ shape: 'parallel', lengthM: 360, widthM: 40 })),
];
const WALL = { primaryLengthM: 3.6, secondaryLengthM: 3.2, thicknessM: 1.2, designDepthM: 60 };

function layoutProject() {
  let panels = 0;
  for (const outline of OUTLINES) panels += generateLayout({ outline, ...WALL }).panels.length;
  return panels;
}

async function definitionRoundTrip(now: () => Date) {
  const from = await openAppContext({ dataDir: tempDir(), runtime: 'cli', now });
  const to = await openAppContext({ dataDir: tempDir(), runtime: 'cli', now });
  try {
    const ref = await seedReferenceProject(from.db, now);
    const definition = await exportDefinition(from.db, ref.projectId);
    const json = JSON.stringify(definition);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const [took, created] = await timed(() => createFromDefinition(to.store, JSON.parse(json)));
    clearInterval(sampler);
    const panels = (await to.api['panels:list']({ projectId: created.id })).length;
    return { took, panels, bytes: json.length, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    await from.close();
    await to.close();
  }
}

export async function benchSetup(): Promise<string> {
  const runs: number[] = [];
  let panels = 0;
  for (let i = 0; i < 12; i++) {
    const [took, n] = await timed(async () => layoutProject());
    panels = n;
    if (i >= 2) runs.push(took);
  }
  const layout = summary(runs);
  const now = () => new Date(`${REFERENCE_LAST_DAY}T04:00:00Z`);
  const def = await definitionRoundTrip(now);
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
  return `## Project set-up (issue 13)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.

| measure | figure |
| --- | --- |
| layout of a ${panels}-panel project (4 shafts 80 × 60 m, 8 cut-and-cover sections 360 m; ${layout.n} runs) | p50 ${ms(layout.p50)}, p95 ${ms(layout.p95)} |
| project created from the reference definition file (${def.panels} panels, ${(def.bytes / 2 ** 20).toFixed(1)} MB of JSON) | ${(def.took / 1000).toFixed(2)} s, peak RSS ${mb(def.peak)} |
`;
}
