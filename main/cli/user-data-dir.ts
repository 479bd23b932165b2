import os from 'node:os';
import path from 'node:path';

/** The folder Electron uses as userData for "Haitai Progress", so the CLI finds the app's data. */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  const name = 'Haitai Progress';
  if (platform === 'win32')
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', name);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), name);
}
