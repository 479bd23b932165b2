// UI and error texts in both languages. zh-CN is the reference; en must have the same keys
// (the type below makes a missing key a compile error).

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const zhCN = {
  app: {
    name: '海太进度',
    fullName: '海太长江隧道 施工进度',
    demoBadge: '演示数据（示意）',
    loading: '正在加载…',
    retry: '重试',
  },
  nav: {
    panels: '槽段',
    settings: '设置',
  },
  topbar: {
    project: '项目',
    structure: '结构',
    siteDay: '施工日',
    language: '语言',
    offline: '离线',
    localOnly: '本机数据（未连接同步服务器）',
  },
  panels: {
    title: '地下连续墙槽段',
    count: '共 {{count}} 幅',
    code: '幅段号',
    type: '类型',
    sequence: '顺序',
    length: '长度 (m)',
    thickness: '厚度 (m)',
    designDepth: '设计槽深 (m)',
    topLevel: '墙顶标高 (m)',
    toeLevel: '墙底标高 (m)',
    volume: '理论方量 (m³)',
    cageWeight: '钢筋笼重 (t)',
    jointType: '接头形式',
    empty: '该结构还没有槽段。',
    detail: '槽段详情',
    close: '关闭',
    types: {
      primary: 'Ⅰ期',
      secondary: 'Ⅱ期',
      closing: '闭合幅',
    },
    joints: {
      circular: '圆弧形',
      rubber_band: '橡胶带',
      cross_steel_plate: '十字钢板',
      h_steel: '工字型钢',
      cutter_overlap: '套铣',
    },
  },
  settings: {
    title: '设置',
    version: '版本',
    dataDir: '数据目录',
    database: '数据库文件',
    schema: '数据库版本',
    runtime: '运行环境',
  },
  errors: {
    title: '出错了',
    'input.invalid': '输入的数据无效：{{fields}}。',
    'api.unknown_channel': '未知的操作“{{channel}}”。',
    'api.untrusted_sender': '请求来自不受信任的页面，已拒绝。',
    not_found: '找不到{{entity}}（{{id}}）。',
    'db.locked': '数据库正被另一个程序占用：{{file}}。请关闭其他海太进度窗口后重试。',
    'db.read_only': '数据库文件只读，无法保存：{{file}}。请检查文件权限。',
    'db.corrupt': '数据库文件已损坏：{{file}}。请不要删除它，可从备份恢复。',
    'db.newer_version':
      '此数据库由更新版本的海太进度创建（{{unknown}}）。请升级本程序后再打开，数据未作任何改动。',
    'db.open_failed': '无法打开数据库 {{file}}：{{reason}}',
    'cli.invalid_option': '命令行参数有误：{{reason}}',
    'date.too_far_ahead': '施工日 {{siteDay}} 太靠后：最多只能记录到明天（{{limit}}）。',
    'stage.out_of_order': '槽段 {{panel}} 当前为“{{currentLabel}}”，下一道工序应是“{{expectedLabel}}”，不能记录“{{stageLabel}}”。',
    'stage.already_complete': '槽段 {{panel}} 已浇筑完成，不能再记录工序。',
    'stage.before_previous': '槽段 {{panel}} 的上一道工序记录在 {{previous}}，本工序日期 {{siteDay}} 不能早于它。',
    'stage.hold_point_no_slurry': '停止点：槽段 {{panel}} 没有泥浆检测记录，钢筋笼不能下放。请先记录槽段验收或清底的泥浆指标。',
    'stage.hold_point_slurry': '停止点：槽段 {{panel}} 最近一次泥浆检测（{{siteDay}}）不合格：{{summary}}。钢筋笼不能下放，请重新清底并检测。',
    'stage.not_latest': '只能撤销槽段 {{panel}} 的最后一道工序记录。',
    'import.unreadable': '无法读取文件 {{file}}：{{reason}}',
    'import.has_errors': '导入文件有 {{count}} 处错误，未导入任何数据。请修改后重新导入。',
    'sync.bad_stamp': '收到格式错误的时间戳，已拒绝。',
    'sync.clock_drift': '本机时钟不正确（比服务器快 {{aheadMs}} 毫秒）。请校准电脑时间后再同步。',
    internal: '程序内部错误，操作未完成，数据未改动。请把此信息告诉管理员：{{reason}}',
  },
  stages: {
    not_started: '未开始',
    guide_wall: '导墙',
    excavation: '成槽',
    trench_acceptance: '槽段验收',
    desanding: '刷壁清底',
    cage_lowered: '钢筋笼下放',
    concreting: '混凝土浇筑',
    complete: '已完成',
  },
  shifts: {
    day: '白班',
    night: '夜班',
  },
  measurements: {
    depthM: '实测槽深 (m)',
    widthM: '槽宽 (m)',
    verticalityXPct: 'X 向垂直度 (%)',
    verticalityYPct: 'Y 向垂直度 (%)',
    sedimentMm: '沉渣厚度 (mm)',
    slurryDensity: '泥浆比重 (g/cm³)',
    slurryViscosityS: '黏度 (s)',
    slurrySandPct: '含砂率 (%)',
    concreteVolumeM3: '实灌方量 (m³)',
    rig: '成槽设备',
    overbreakPct: '超灌率 (%)',
  },
  entities: {
    project: '项目',
    panel: '槽段',
    structure: '结构',
    event: '工序记录',
    team: '班组',
    milestone: '节点',
  },
} as const;

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
export type MessageTree = Messages<typeof zhCN>;

const en: MessageTree = {
  app: {
    name: 'Haitai Progress',
    fullName: 'Haitai Yangtze River Tunnel — construction progress',
    demoBadge: 'Demo data (illustrative)',
    loading: 'Loading…',
    retry: 'Retry',
  },
  nav: {
    panels: 'Panels',
    settings: 'Settings',
  },
  topbar: {
    project: 'Project',
    structure: 'Structure',
    siteDay: 'Site day',
    language: 'Language',
    offline: 'Offline',
    localOnly: 'Local data (no sync server connected)',
  },
  panels: {
    title: 'Diaphragm-wall panels',
    count: '{{count}} panels',
    code: 'Panel no.',
    type: 'Type',
    sequence: 'Seq.',
    length: 'Length (m)',
    thickness: 'Thickness (m)',
    designDepth: 'Design depth (m)',
    topLevel: 'Top level (m)',
    toeLevel: 'Toe level (m)',
    volume: 'Theoretical vol. (m³)',
    cageWeight: 'Cage weight (t)',
    jointType: 'Joint',
    empty: 'This structure has no panels yet.',
    detail: 'Panel detail',
    close: 'Close',
    types: {
      primary: 'Primary',
      secondary: 'Secondary',
      closing: 'Closing',
    },
    joints: {
      circular: 'Circular',
      rubber_band: 'Rubber band',
      cross_steel_plate: 'Cross steel plate',
      h_steel: 'H-steel',
      cutter_overlap: 'Cutter overlap',
    },
  },
  settings: {
    title: 'Settings',
    version: 'Version',
    dataDir: 'Data folder',
    database: 'Database file',
    schema: 'Database version',
    runtime: 'Runtime',
  },
  errors: {
    title: 'Something went wrong',
    'input.invalid': 'The data entered is not valid: {{fields}}.',
    'api.unknown_channel': 'Unknown operation "{{channel}}".',
    'api.untrusted_sender': 'The request came from an untrusted page and was refused.',
    not_found: 'No {{entity}} found ({{id}}).',
    'db.locked':
      'The database is in use by another program: {{file}}. Close other Haitai Progress windows and try again.',
    'db.read_only':
      'The database file is read-only, so nothing can be saved: {{file}}. Check the file permissions.',
    'db.corrupt':
      'The database file is damaged: {{file}}. Do not delete it; it can be restored from a backup.',
    'db.newer_version':
      'This database was written by a newer version of Haitai Progress ({{unknown}}). Update the app to open it; nothing was changed.',
    'db.open_failed': 'Could not open the database {{file}}: {{reason}}',
    'cli.invalid_option': 'Invalid command line: {{reason}}',
    'date.too_far_ahead':
      'Site day {{siteDay}} is too far ahead: progress can be recorded up to tomorrow ({{limit}}).',
    'stage.out_of_order':
      'Panel {{panel}} is at "{{currentLabel}}"; the next step is "{{expectedLabel}}", so "{{stageLabel}}" cannot be recorded.',
    'stage.already_complete': 'Panel {{panel}} is already concreted; no further step can be recorded.',
    'stage.before_previous':
      'The previous step of panel {{panel}} was recorded on {{previous}}; this step cannot be dated earlier ({{siteDay}}).',
    'stage.hold_point_no_slurry':
      'Hold point: panel {{panel}} has no slurry test, so the cage cannot be lowered. Record the slurry at trench acceptance or desanding first.',
    'stage.hold_point_slurry':
      'Hold point: the last slurry test of panel {{panel}} ({{siteDay}}) is out of limits: {{summary}}. The cage cannot be lowered; clean the trench and test again.',
    'stage.not_latest': 'Only the last recorded step of panel {{panel}} can be undone.',
    'import.unreadable': 'Cannot read the file {{file}}: {{reason}}',
    'import.has_errors': 'The import file has {{count}} error(s); nothing was imported. Correct them and import again.',
    'sync.bad_stamp': 'A malformed timestamp was received and refused.',
    'sync.clock_drift':
      "This computer's clock is wrong ({{aheadMs}} ms ahead). Correct the time, then sync again.",
    internal:
      'Internal error; the operation did not complete and no data was changed. Please pass this on to your administrator: {{reason}}',
  },
  stages: {
    not_started: 'Not started',
    guide_wall: 'Guide wall',
    excavation: 'Excavation',
    trench_acceptance: 'Trench acceptance',
    desanding: 'Joint cleaning & desanding',
    cage_lowered: 'Cage lowered',
    concreting: 'Concreting',
    complete: 'Complete',
  },
  shifts: {
    day: 'Day shift',
    night: 'Night shift',
  },
  measurements: {
    depthM: 'Measured depth (m)',
    widthM: 'Width (m)',
    verticalityXPct: 'Verticality X (%)',
    verticalityYPct: 'Verticality Y (%)',
    sedimentMm: 'Sediment (mm)',
    slurryDensity: 'Slurry density (g/cm³)',
    slurryViscosityS: 'Viscosity (s)',
    slurrySandPct: 'Sand content (%)',
    concreteVolumeM3: 'Actual volume (m³)',
    rig: 'Rig',
    overbreakPct: 'Overbreak (%)',
  },
  entities: {
    project: 'project',
    panel: 'panel',
    structure: 'structure',
    event: 'stage record',
    team: 'team',
    milestone: 'milestone',
  },
};

export const MESSAGES: Record<Language, MessageTree> = { 'zh-CN': zhCN, en };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
