import type { Command } from 'commander';
import type { Cli } from '../cli';
import { AppError } from '../../domain/errors';
import { Option } from 'commander';
import { ROLES, type Role } from '../../domain/roles';

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
        const { openServer } = await import('../../../server/index');
        const server = await openServer({
          dataDir: opts.dataDir,
          databaseUrl: cli.io.env.DATABASE_URL,
        });
        try {
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
        } finally {
          await server.close();
        }
      },
    );
}
