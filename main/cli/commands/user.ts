import type { Command } from 'commander';
import type { Cli } from '../cli';
import { AppError } from '../../domain/errors';
import { Option } from 'commander';
import { ROLES, type Role } from '../../domain/roles';
import type { RunningServer } from '../../../server/index';

export function registerUser(program: Command, cli: Cli): void {
  const users = program.command('user').description('manage sync server users');
  users
    .command('add')
    .description('add a user to the sync server, with a role on a project (or * for all)')
    .option('--data-dir <dir>', 'folder of the server database (SQLite)', './haitai-server')
    .requiredOption('--username <name>', 'user name')
    .requiredOption('--password <password>', 'password, 8 characters or more')
    .option('--name <display>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).default('engineer'))
    .option('--project <id>', 'project id, or * for every project', '*')
    .action(
      async (opts: {
        dataDir: string;
        username: string;
        password: string;
        name?: string;
        role: Role;
        project: string;
      }) => {
        if (opts.password.length < 8)
          throw new AppError('cli.invalid_option', {
            reason: '--password needs 8 characters or more',
          });
        await withServerStore(cli, opts.dataDir, async (server) => {
          await server.store.createUser({
            username: opts.username,
            password: opts.password,
            ...(opts.name ? { displayName: opts.name } : {}),
            isAdmin: opts.role === 'admin',
            memberships: [{ projectId: opts.project, role: opts.role }],
          });
          cli.io.out(
            `User ${opts.username} added as ${opts.role} on ${opts.project === '*' ? 'every project' : opts.project}.`,
          );
        });
      },
    );

  registerAccountCommands(users, cli);
}

/** Runs `fn` against the server's store (its SQLite folder, or DATABASE_URL), then closes it. */
async function withServerStore<T>(
  cli: Cli,
  dataDir: string,
  fn: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const { openServer } = await import('../../../server/index');
  const server = await openServer({ dataDir, databaseUrl: cli.io.env.DATABASE_URL });
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

const admin = async (server: RunningServer) =>
  (await import('../../../server/account-admin')).accountAdmin(server.store.knex);

function registerAccountCommands(users: Command, cli: Cli): void {
  const dataDir = [
    '--data-dir <dir>',
    'folder of the server database (SQLite)',
    './haitai-server',
  ] as const;
  users
    .command('list')
    .description('list the users, their roles, devices and last activity')
    .option(...dataDir)
    .action(async (opts: { dataDir: string }) =>
      withServerStore(cli, opts.dataDir, async (server) => {
        for (const u of await (await admin(server)).listUsers()) {
          const roles =
            u.memberships.map((m) => `${m.role}@${m.projectId}`).join(', ') || 'no project';
          cli.io.out(
            `${u.username}\t${u.disabledAt ? `disabled ${u.disabledAt}` : 'active'}\t${roles}\t${u.devices} device(s)\tlast seen ${u.lastSeenAt ?? 'never'}`,
          );
        }
      }),
    );
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    users
      .command(name)
      .description(
        disabled ? 'disable a user: every token of theirs stops at once' : 'enable a user again',
      )
      .option(...dataDir)
      .requiredOption('--username <name>', 'user name')
      .action(async (opts: { dataDir: string; username: string }) =>
        withServerStore(cli, opts.dataDir, async (server) => {
          await (await admin(server)).setDisabled(opts.username, disabled);
          cli.io.out(`User ${opts.username} ${disabled ? 'disabled' : 'enabled'}.`);
        }),
      );
  users
    .command('password')
    .description("set a user's password; their devices are signed out")
    .option(...dataDir)
    .requiredOption('--username <name>', 'user name')
    .requiredOption('--password <password>', 'new password, 8 characters or more')
    .action(async (opts: { dataDir: string; username: string; password: string }) =>
      withServerStore(cli, opts.dataDir, async (server) => {
        const revoked = await (await admin(server)).setPassword(opts.username, opts.password);
        cli.io.out(`Password of ${opts.username} changed; ${revoked} device(s) signed out.`);
      }),
    );
  users
    .command('devices')
    .description("list a user's devices")
    .option(...dataDir)
    .requiredOption('--username <name>', 'user name')
    .action(async (opts: { dataDir: string; username: string }) =>
      withServerStore(cli, opts.dataDir, async (server) => {
        for (const d of await (await admin(server)).devices(opts.username))
          cli.io.out(
            `${d.id}\t${d.name}\tclient ${d.clientId ?? '-'}\tsigned in ${d.createdAt}\tlast seen ${d.lastSeenAt ?? 'never'}\t${d.revokedAt ? `revoked ${d.revokedAt}` : 'active'}`,
          );
      }),
    );
  users
    .command('revoke')
    .description('revoke one device (a lost laptop): its token stops at once')
    .option(...dataDir)
    .requiredOption('--device <id>', 'device id, from `haitai user devices`')
    .action(async (opts: { dataDir: string; device: string }) =>
      withServerStore(cli, opts.dataDir, async (server) => {
        if (!(await server.store.revokeDevice(opts.device)))
          throw new AppError('not_found', { entity: 'device', id: opts.device });
        cli.io.out(`Device ${opts.device} revoked.`);
      }),
    );
}
