// The project definition file through the CLI: the demo's set-up exported, created on another
// laptop and exported again is the same file; a file with problems lists them by path and creates
// nothing; an oversized file is refused before it is read.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index';
import { captureCli } from '../../helpers/cli-capture';
import { tempDir } from '../../helpers/temp-dir';

const run = async (...argv: string[]) => {
  const cli = captureCli({ HAITAI_LANG: 'en' });
  const code = await runCli(argv, cli.io);
  return { code, out: cli.out.join('\n'), err: cli.err.join('\n') };
};

describe('haitai project', () => {
  it('exports the demo set-up, and creating from that file gives the same set-up', async () => {
    const laptopA = tempDir();
    expect((await run('demo', '--data-dir', laptopA)).code).toBe(0);
    const file = path.join(tempDir(), 'haimen.json');
    const exported = await run('project', 'export', '--data-dir', laptopA, '--out', file);
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.out).toContain('60 panels, 8 teams, 1 milestones');
    const definition = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(definition).toMatchObject({ format: 'haitai-project-definition', version: 1 });
    expect(JSON.stringify(definition)).not.toMatch(/site_day|siteDay|headcount/);
    // The equipment register travels with the set-up; its hours do not.
    expect(definition.machines.map((m: { code: string }) => m.code)).toContain('SG60-1');
    expect(JSON.stringify(definition)).not.toMatch(/hours_working|hoursWorking/);

    const laptopB = tempDir();
    const created = await run('project', 'create', '--data-dir', laptopB, '--file', file);
    expect(created.code).toBe(0);
    const again = path.join(tempDir(), 'again.json');
    expect((await run('project', 'export', '--data-dir', laptopB, '--out', again)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(again, 'utf8'))).toEqual(definition);
    const list = await run('project', 'list', '--data-dir', laptopB);
    expect(list.out).toMatch(/^\* HAITAI-DEMO /);

    // The same code twice on one laptop is refused.
    const twice = await run('project', 'create', '--data-dir', laptopB, '--file', file);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('HAITAI-DEMO');
  });

  it('lists every problem of a bad file by path and creates nothing', async () => {
    const laptopA = tempDir();
    await run('demo', '--data-dir', laptopA);
    const file = path.join(tempDir(), 'bad.json');
    await run('project', 'export', '--data-dir', laptopA, '--out', file);
    const definition = JSON.parse(fs.readFileSync(file, 'utf8'));
    definition.project.code = 'BAD';
    definition.structures[0].panels[1].code = definition.structures[0].panels[0].code;
    definition.milestones[0].scope = { structure: 'NOWHERE' };
    definition.teams[0].nameZh = '';
    fs.writeFileSync(file, JSON.stringify(definition));

    const laptopB = tempDir();
    const result = await run('project', 'create', '--data-dir', laptopB, '--file', file);
    expect(result.code).toBe(2);
    expect(result.err).toContain('structures.0.panels.1.code');
    expect(result.err).toContain('milestones.0.scope.structure');
    expect(result.err).toContain('teams.0.nameZh');
    expect((await run('project', 'list', '--data-dir', laptopB)).out).toBe('');
  });

  it('refuses a file over the size limit before reading it, and a file that is not JSON', async () => {
    const dir = tempDir();
    const huge = path.join(dir, 'huge.json');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 21 * 1024 * 1024);
    const big = await run('project', 'create', '--data-dir', dir, '--file', huge);
    expect(big.code).toBe(1);
    expect(big.err).toContain('21.0 MB');
    const junk = path.join(dir, 'junk.json');
    fs.writeFileSync(junk, '{ not json');
    const bad = await run('project', 'create', '--data-dir', dir, '--file', junk);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('junk.json');
  });
});

describe('haitai import schedule', () => {
  it('lists the project, activities and milestones of an XER and an MSPDI file', async () => {
    const xer = await run('import', 'schedule', 'tests/fixtures/schedule-gb18030.xer', '--dry-run');
    expect(xer.code).toBe(0);
    expect(xer.out).toContain('XER (gb18030): HAITAI');
    expect(xer.out).toContain('4 activities / 作业, 2 milestones / 里程碑');
    // Every activity counted by kind, the level-of-effort one included: 1 + 1 + 1 + 1 = 4.
    expect(xer.out).toContain(
      'task dependent / 任务作业 1, start milestone / 开始里程碑 1, finish milestone / 完成里程碑 1, level of effort / 配合作业 1',
    );
    expect(xer.out).toContain(
      'M1000  井壁完成  [海门工作井 › 地下连续墙]  baseline —  current 2023-02-20',
    );
    expect(xer.out).toContain('Dry run: nothing was written');
    const xml = await run('import', 'schedule', 'tests/fixtures/schedule-mspdi.xml', '--dry-run');
    expect(xml.out).toContain('MSPDI (utf-8): 海太长江隧道 A 标');
    const bad = await run('import', 'schedule', 'tests/fixtures/panel-register-gb18030.csv');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('neither a P6 XER nor a Microsoft Project XML file');
  });

  it('imports milestones and a structure plan, then re-imports them by activity code', async () => {
    const dir = tempDir();
    expect((await run('demo', '--data-dir', dir)).code).toBe(0);
    const first = await run(
      'import',
      'schedule',
      'tests/fixtures/schedule-cp1252.xer',
      '--data-dir',
      dir,
      '--add-milestones',
      '--plan',
      'HM-SHAFT=A1000',
    );
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain(
      'Imported: 2 milestones added, 0 updated, 0 unchanged, 1 structure plans set.',
    );
    const again = await run(
      'import',
      'schedule',
      'tests/fixtures/schedule-renamed.xer',
      '--data-dir',
      dir,
    );
    expect(again.out).toContain(
      'Imported: 0 milestones added, 1 updated, 1 unchanged, 1 structure plans set.',
    );
    const forecast = await run('forecast', '--data-dir', dir, '--lang', 'en');
    expect(forecast.out).toContain('Shaft walls closed – all panels');
    const badPlan = await run(
      'import',
      'schedule',
      'tests/fixtures/schedule-cp1252.xer',
      '--data-dir',
      dir,
      '--plan',
      'NOPE=A1000',
    );
    expect(badPlan.code).toBe(2);
    expect(badPlan.err).toContain('--plan NOPE=A1000');
  });
});
