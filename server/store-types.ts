// The sync server's store as its parts see it: the SQL dialect, who a request is, and what the
// store offers. Types only (and the default quota), so the parts the store is built from
// (accounts, log reads, push, schema) depend on this file and not on the store that uses them.
import type { Knex } from 'knex';
import type {
  Change,
  ClientStateResponse,
  PullResponse,
  PushResponse,
  Role,
  SnapshotResponse,
} from '../main/domain/sync-protocol';

export type Dialect = 'sqlite' | 'postgres';

export interface AuthContext {
  userId: string;
  username: string;
  displayName: string;
  deviceId: string;
  /** The client id this device pushes under (bound at sign-in, or at its first push). */
  clientId: string | null;
  isAdmin: boolean;
  /** The hash of the token this request came with. */
  tokenHash: string;
}

export interface ProjectUsage {
  projectId: string;
  logBytes: number;
  fileBytes: number;
}

/** A project's storage quota unless the operator gives another (--project-quota-mb). */
export const DEFAULT_QUOTA_BYTES = 20 * 1024 ** 3;

export interface ServerStore {
  knex: Knex;
  epoch: string;
  createUser(input: {
    username: string;
    password: string;
    displayName?: string;
    isAdmin?: boolean;
    memberships?: { projectId: string; role: Role }[];
  }): Promise<string>;
  countUsers(): Promise<number>;
  login(input: {
    username: string;
    password: string;
    deviceName: string;
    clientId?: string | undefined;
    /** The token this laptop held before, proof that it is the laptop of that client id. */
    previousToken?: string | undefined;
  }): Promise<{
    token: string;
    deviceId: string;
    user: AuthContext;
    projects: { project_id: string; role: Role }[];
  }>;
  authenticate(token: string): Promise<AuthContext | null>;
  /** A new token for the device; the one in use stays good until the new one is first used. */
  rotateToken(auth: AuthContext): Promise<string>;
  revokeDevice(deviceId: string): Promise<boolean>;
  /** Refuses (sync.client_taken) a client id that is not this device's own. */
  bindClient(auth: AuthContext, clientId: string): Promise<void>;
  /** Who published the project, or null when no manager has yet. */
  publication(projectId: string): Promise<{ publishedBy: string; publishedAt: string } | null>;
  publish(projectId: string, userId: string): Promise<void>;
  roleFor(userId: string, projectId: string): Promise<Role | null>;
  memberships(userId: string): Promise<{ project_id: string; role: Role }[]>;
  projects(userId: string): Promise<string[]>;
  push(input: {
    projectId: string;
    auth: AuthContext;
    role: Role;
    clientId: string;
    changes: Change[];
  }): Promise<PushResponse>;
  pull(projectId: string, since: number, limit: number): Promise<PullResponse>;
  snapshot(
    projectId: string,
    asOf: number | undefined,
    cursor: string | undefined,
    limit: number,
  ): Promise<SnapshotResponse>;
  /** The same chunk as SnapshotColumnsResponse, already JSON text. */
  snapshotColumns(
    projectId: string,
    asOf: number | undefined,
    cursor: string | undefined,
    limit: number,
  ): Promise<string>;
  clientState(projectId: string, clientId: string): Promise<ClientStateResponse>;
  /** The most a project may store (its log and its files), in bytes. */
  quotaBytes: number;
  /** What each project stores, for the administrator and the quota. */
  usage(projectId?: string): Promise<ProjectUsage[]>;
  maxSeq(): Promise<number>;
  close(): Promise<void>;
}
