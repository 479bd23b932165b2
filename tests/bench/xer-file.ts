// A Primavera P6 export the size of a large site's schedule: a WBS of shafts, sections and work
// packages, `activities` tasks of which one in ten is a milestone, and the tables a real export
// carries that an importer must skip (calendars, resources, assignments, activity codes).
const day = (base: number, offset: number) =>
  new Date(Date.UTC(2022, 10, 1) + (base + offset) * 86_400_000).toISOString().slice(0, 10);

function table(name: string, fields: string[], rows: (string | number)[][]): string {
  return [
    `%T\t${name}`,
    `%F\t${fields.join('\t')}`,
    ...rows.map((r) => `%R\t${r.join('\t')}`),
  ].join('\r\n');
}

export function largeXer(activities: number): string {
  const wbs: (string | number)[][] = [[1, 100, 'Y', '', 'HAITAI', '海太长江隧道']];
  const packages: number[] = [];
  for (let s = 0; s < 12; s++) {
    const structure = 10 + s;
    wbs.push([structure, 100, 'N', 1, `S${s}`, `结构 ${s + 1}`]);
    for (let p = 0; p < 10; p++) {
      const id = 1000 + s * 10 + p;
      wbs.push([id, 100, 'N', structure, `S${s}.${p}`, `工作包 ${p + 1}`]);
      packages.push(id);
    }
  }
  const tasks = Array.from({ length: activities }, (_, i) => {
    const milestone = i % 10 === 9;
    const start = Math.floor(i / 8);
    const finish = start + (milestone ? 0 : 5 + (i % 20));
    const stamp = (d: number, h: string) => `${day(d, 0)} ${h}`;
    return [
      `${milestone ? '节点' : '作业'} ${i + 1} · 槽段施工`,
      i + 1,
      packages[i % packages.length]!,
      100,
      milestone ? 'TT_FinMile' : 'TT_Task',
      i < activities / 3 ? 'TK_Complete' : i < activities / 2 ? 'TK_Active' : 'TK_NotStart',
      `${milestone ? 'M' : 'A'}${String(i + 1).padStart(5, '0')}`,
      i < activities / 3 ? stamp(start, '08:00') : '',
      i < activities / 3 ? stamp(finish, '17:00') : '',
      stamp(start, '08:00'),
      stamp(finish, '17:00'),
      stamp(start + 2, '08:00'),
      stamp(finish + 3, '17:00'),
    ];
  });
  const skipped = [
    table(
      'CALENDAR',
      ['clndr_id', 'clndr_name', 'clndr_data'],
      [[1, '6天工作制', '(0||CalendarData()(x'.repeat(40)]],
    ),
    table(
      'RSRC',
      ['rsrc_id', 'rsrc_name', 'rsrc_short_name'],
      Array.from({ length: 200 }, (_, i) => [i + 1, `资源 ${i + 1}`, `R${i + 1}`]),
    ),
    table(
      'TASKRSRC',
      ['taskrsrc_id', 'task_id', 'rsrc_id', 'target_qty'],
      Array.from({ length: activities }, (_, i) => [i + 1, i + 1, (i % 200) + 1, 8]),
    ),
    table(
      'ACTVCODE',
      ['actv_code_id', 'short_name', 'actv_code_name'],
      Array.from({ length: 50 }, (_, i) => [i + 1, `C${i}`, `作业代码 ${i}`]),
    ),
  ];
  return [
    'ERMHDR\t19.12\t2023-01-27\tProject\tadmin\tPlanner\tdbxDatabaseNoName\tProject Management\tCNY',
    table(
      'PROJECT',
      ['proj_id', 'proj_short_name', 'plan_start_date'],
      [[100, 'HAITAI', '2022-11-01 08:00']],
    ),
    ...skipped.slice(0, 2),
    table(
      'PROJWBS',
      ['wbs_id', 'proj_id', 'proj_node_flag', 'parent_wbs_id', 'wbs_short_name', 'wbs_name'],
      wbs,
    ),
    table(
      'TASK',
      [
        'task_name',
        'task_id',
        'wbs_id',
        'proj_id',
        'task_type',
        'status_code',
        'task_code',
        'act_start_date',
        'act_end_date',
        'target_start_date',
        'target_end_date',
        'early_start_date',
        'early_end_date',
      ],
      tasks,
    ),
    ...skipped.slice(2),
    '%E',
    '',
  ].join('\r\n');
}
