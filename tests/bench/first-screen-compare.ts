// `npm run bench:first-screen-vs -- <commit>`: the first screen of this tree beside a baseline
// commit's, in one run (issue 27: "within 10 % of today's on the same run"). Both renderers are
// built and served, each over its own demo and reference data (first-screen-serve.ts), and loaded
// in turn in one Chromium, which goes first alternating, so the machine's noise falls on both
// alike. Writes its section of BENCHMARKS.md.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../main/app/chromium-pdf';
import { WATCH_CREW_FORM } from './first-screen.bench';
import { writeSection } from './report';
import { machine, ms, summary } from './stats';

const LOADS = 40;
const SERVE = 'tests/bench/first-screen-serve.ts';

const baseline = process.argv[2];
if (!baseline) {
  console.error('usage: npm run bench:first-screen-vs -- <baseline commit>');
  process.exit(2);
}
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const commit = git('rev-parse', '--short', baseline);
const head = git('rev-parse', '--short', 'HEAD');

/** Starts the serve script in `cwd`; resolves with its two addresses (demo, reference). */
async function serve(cwd: string, children: ChildProcess[]): Promise<string[]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'haitai-serve-')), 'urls.json');
  // Its own process group: npx starts node under it, and both are stopped together at the end.
  const child = spawn('npx', ['tsx', SERVE, file], { cwd, stdio: 'inherit', detached: true });
  children.push(child);
  for (let waited = 0; waited < 300_000; waited += 500) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
    if (child.exitCode !== null) throw new Error(`the server in ${cwd} exited`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server in ${cwd} did not start`);
}

async function load(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.addInitScript(WATCH_CREW_FORM);
    await page.goto(url);
    await page.getByTestId('crew-form').waitFor({ timeout: 60_000 });
    return (await page.evaluate('window.__crewFormAt')) as number;
  } finally {
    await page.close();
  }
}

async function compare(urls: Record<'now' | 'then', string[]>): Promise<string[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const rows: string[] = [];
    for (const [i, label] of ['the demo (60 panels)', 'the reference dataset'].entries()) {
      const times: Record<'now' | 'then', number[]> = { now: [], then: [] };
      // The first two of each warm Chromium's caches.
      for (let n = 0; n < LOADS + 2; n++)
        for (const which of n % 2 ? (['now', 'then'] as const) : (['then', 'now'] as const)) {
          const at = await load(browser, urls[which][i]!);
          if (n >= 2) times[which].push(at);
        }
      const [now, then] = [summary(times.now), summary(times.then)];
      const ratio = now.p50 / then.p50;
      rows.push(
        `| ${label} | ${now.n} | ${ms(now.p50)} | ${ms(then.p50)} | ${ratio.toFixed(3)} | ≤ 1.10: ${ratio <= 1.1 ? 'met' : '**not met**'} |`,
      );
    }
    return rows;
  } finally {
    await browser.close();
  }
}

const worktree = fs.mkdtempSync(path.join(os.tmpdir(), 'haitai-baseline-'));
const children: ChildProcess[] = [];
git('worktree', 'add', '--detach', worktree, commit);
try {
  fs.symlinkSync(path.resolve('node_modules'), path.join(worktree, 'node_modules'));
  fs.copyFileSync(SERVE, path.join(worktree, SERVE));
  const urls = { now: await serve('.', children), then: await serve(worktree, children) };
  const rows = await compare(urls);
  const markdown = `## First screen beside an earlier version (issue 27)

Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.

\`npm run bench:first-screen-vs -- ${commit}\`: the first screen (as above: from the start of the
page's navigation to the Today screen's crew form filled from the database, on the page's own
clock) of this tree (${head}) and of ${commit}, both built and served over their own copy of the
same data, loaded in turn in one Chromium, which of the two goes first alternating.

| dataset | loads each | p50, ${head} | p50, ${commit} | ratio | target |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
  writeSection('first-screen-vs', markdown);
  console.log(markdown);
} finally {
  for (const child of children)
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  await new Promise((r) => setTimeout(r, 2000));
  git('worktree', 'remove', '--force', worktree);
}
