// The order of test files in a run: the longest first, so that the last minutes of a run are not
// one long file on one core. Vitest orders by the last run's durations when it has them, and by
// file size on a fresh clone, which puts the convergence shards (four lines each, a minute each)
// last. These files go first in their project whatever the cache says. A stale list costs
// minutes, never a result.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LONGEST = [
  /integration\/sync\/convergence(-\d)?\.test\.ts$/,
  /integration\/sync\/(attachments-sync|snapshot-chunks|one-record-per-stage|two-laptops)\.test\.ts$/,
  /integration\/reliability\/(crash|fuzz|load)\.test\.ts$/,
  /integration\/server\/snapshot-rows\.test\.ts$/,
  /e2e\/(sync-screen|what-is-typed|app)\.test\.ts$/,
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const i = LONGEST.findIndex((pattern) => pattern.test(file.moduleId.replaceAll('\\', '/')));
      return i < 0 ? LONGEST.length : i;
    };
    // Within each project (Vitest keeps a project's files together), a stable sort by rank.
    const byProject = new Map<string, TestSpecification[]>();
    for (const file of sorted) {
      const group = byProject.get(file.project.name) ?? [];
      group.push(file);
      byProject.set(file.project.name, group);
    }
    return [...byProject.values()].flatMap((group) =>
      group
        .map((file, i) => ({ file, i }))
        .sort((a, b) => rank(a.file) - rank(b.file) || a.i - b.i)
        .map(({ file }) => file),
    );
  }
}
