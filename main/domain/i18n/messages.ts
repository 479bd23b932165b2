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
    internal: '程序内部错误，操作未完成，数据未改动。请把此信息告诉管理员：{{reason}}',
  },
  entities: {
    project: '项目',
    panel: '槽段',
    structure: '结构',
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
    internal:
      'Internal error; the operation did not complete and no data was changed. Please pass this on to your administrator: {{reason}}',
  },
  entities: {
    project: 'project',
    panel: 'panel',
    structure: 'structure',
  },
};

export const MESSAGES: Record<Language, MessageTree> = { 'zh-CN': zhCN, en };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
