// Where the laptop keeps its device token: encrypted by the OS (Electron's safeStorage: DPAPI on
// Windows, the Keychain on macOS, libsecret/kwallet on Linux) when it offers that, otherwise in a
// file of its own beside the database, readable only by the user, and never in the database,
// whose backups travel. Settings says which, and warns when the token is not encrypted.
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { getSetting, setSettings } from '../../db/repositories/settings-repository';
import type { TokenProtection } from '../domain/sync-status';

/** The OS's encryption, injected by the Electron shell (absent in the CLI and the harness). */
export interface SecretCipher {
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

const KEY = 'sync.token';
const ENCRYPTED = 'enc:';
const IN_FILE = 'file';
export const TOKEN_FILENAME = 'sync-token';

type Db = Knex | Knex.Transaction;

export class TokenVault {
  constructor(
    private readonly dataDir: string,
    private readonly cipher: SecretCipher | null,
  ) {}

  private get file(): string {
    return path.join(this.dataDir, TOKEN_FILENAME);
  }

  /** How the token is (or would be) kept on this machine. */
  protection(): TokenProtection {
    return this.cipher?.isAvailable() ? 'os-encrypted' : 'file';
  }

  async read(db: Db): Promise<string | null> {
    const stored = await getSetting(db, KEY);
    if (stored === null) return null;
    if (stored.startsWith(ENCRYPTED)) {
      if (!this.cipher?.isAvailable()) return null;
      return this.cipher.decrypt(Buffer.from(stored.slice(ENCRYPTED.length), 'base64'));
    }
    if (stored === IN_FILE)
      return (await readFile(this.file, 'utf8').catch(() => '')).trim() || null;
    return stored; // written by a version before the vault: moved out by upgrade()
  }

  /** Stores the token (null forgets it) inside the caller's transaction where one is given. */
  async write(db: Db, token: string | null): Promise<void> {
    if (token === null) {
      await setSettings(db, { [KEY]: null });
      await rm(this.file, { force: true });
      return;
    }
    if (this.cipher?.isAvailable()) {
      const sealed = this.cipher.encrypt(token).toString('base64');
      await setSettings(db, { [KEY]: `${ENCRYPTED}${sealed}` });
      await rm(this.file, { force: true });
      return;
    }
    await writeFile(this.file, token, { encoding: 'utf8', mode: 0o600 });
    await chmod(this.file, 0o600).catch(() => {});
    await setSettings(db, { [KEY]: IN_FILE });
  }

  /** Moves a token an older version kept in plain text in the database into the vault. */
  async upgrade(db: Db): Promise<void> {
    const stored = await getSetting(db, KEY);
    if (stored !== null && !stored.startsWith(ENCRYPTED) && stored !== IN_FILE)
      await this.write(db, stored);
  }

  /** Whether a token is stored (without decrypting it). */
  async has(db: Db): Promise<boolean> {
    return (await getSetting(db, KEY)) !== null;
  }
}
