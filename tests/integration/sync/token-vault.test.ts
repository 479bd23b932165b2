// The device token at rest: sealed by the OS's encryption when there is one, otherwise in a file
// of its own that only the user can read, and never in plain text in the database or its backups.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { TokenVault, TOKEN_FILENAME, type SecretCipher } from '../../../main/sync/token-vault';
import { connect, laptop, tinyProject } from '../../helpers/laptops';
import { startSyncServer } from '../../helpers/sync-server';
import { tempDir } from '../../helpers/temp-dir';

/** A stand-in for safeStorage: reversible, and the sealed form never contains the plain text. */
const fakeCipher = (available = true): SecretCipher => ({
  isAvailable: () => available,
  encrypt: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
  decrypt: (sealed) => Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString(),
});

/** Every byte the database keeps on disk: the file and its write-ahead log. */
function databaseBytes(dataDir: string): string {
  return ['haitai.sqlite', 'haitai.sqlite-wal']
    .map((f) => path.join(dataDir, f))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString('latin1'))
    .join('');
}

describe('the device token at rest', () => {
  it('is sealed by the OS where it can be, and still syncs', async () => {
    const s = await startSyncServer();
    await s.addUser('li', 'manager');
    const dataDir = tempDir();
    const cipher = fakeCipher();
    const a = await laptop({ dataDir, syncOptions: { cipher } });
    await tinyProject(a);
    await connect(a, s.url, 'li', true);
    const token = await new TokenVault(dataDir, cipher).read(a.db);
    expect(token).toMatch(/.{20,}/);
    expect((await a.api['app:info']({})).tokenProtection).toBe('os-encrypted');
    expect(databaseBytes(dataDir)).not.toContain(token!);
    expect(fs.existsSync(path.join(dataDir, TOKEN_FILENAME))).toBe(false);
    await a.api['sync:now']({});
    // The server's notice of this laptop's own push may start one more cycle; it ends idle.
    await vi.waitFor(async () => expect((await a.api['sync:status']({})).state).toBe('idle'), {
      timeout: 10_000,
    });
  });

  it('without OS encryption, lives in a file only its user can read, and Settings says so', async () => {
    const s = await startSyncServer();
    await s.addUser('li', 'manager');
    const dataDir = tempDir();
    const a = await laptop({ dataDir });
    await tinyProject(a);
    await connect(a, s.url, 'li', true);
    const file = path.join(dataDir, TOKEN_FILENAME);
    const token = fs.readFileSync(file, 'utf8');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(databaseBytes(dataDir)).not.toContain(token);
    expect((await a.api['app:info']({})).tokenProtection).toBe('file');
    await a.api['sync:disconnect']({});
    expect(fs.existsSync(file)).toBe(false);
  });

  it('moves a token an older version kept in the database out of it at start-up', async () => {
    const dataDir = tempDir();
    const first = await laptop({ dataDir });
    await first
      .db('local_settings')
      .insert({ key: 'sync.token', value: 'old-plain-token-1234567890' });
    await first.close();
    const cipher = fakeCipher();
    const again = await laptop({ dataDir, syncOptions: { cipher } });
    const stored = await again.db('local_settings').where({ key: 'sync.token' }).first('value');
    expect(stored.value).toMatch(/^enc:/);
    expect(await new TokenVault(dataDir, cipher).read(again.db)).toBe('old-plain-token-1234567890');
  });
});
