// A client written against the sync server's HTTP protocol, not the app's sync engine: what the
// protocol tests and the hostile-client tests speak. Each device signs in with its own client id.
import { encodeHlc } from '../../main/domain/hlc';
import { PROTOCOL_VERSION, type Change } from '../../main/domain/sync-protocol';
import { PASSWORD } from './sync-server';

export interface Device {
  token: string;
  clientId: string;
  deviceId: string;
  userId: string;
}

/** Signs a device in under `clientId`; fails the test on anything but a 200. */
export async function signInDevice(
  url: string,
  username: string,
  clientId: string,
  password = PASSWORD,
): Promise<Device> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, device_name: 'protocol', client_id: clientId }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status}`);
  const body = (await res.json()) as { token: string; device_id: string; user: { id: string } };
  return { token: body.token, clientId, deviceId: body.device_id, userId: body.user.id };
}

export const protocolHeaders = (token: string) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${token}`,
  'x-haitai-protocol': String(PROTOCOL_VERSION),
});

/** POST or GET on a project's endpoints as a device; the raw response. */
export function callAs(
  url: string,
  device: Pick<Device, 'token'>,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method,
    headers: protocolHeaders(device.token),
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

/** Pushes changes as a device, under `clientId` (its own unless a test forges another). */
export function pushAs(
  url: string,
  device: Pick<Device, 'token' | 'clientId'>,
  projectId: string,
  changes: Change[],
  clientId = device.clientId,
): Promise<Response> {
  return callAs(url, device, 'POST', `/projects/${projectId}/push`, {
    client_id: clientId,
    schema_version: 'protocol',
    changes,
  });
}

/** Numbers changes from 1 and stamps them now, by `node`. */
export function changesOf(
  node: string,
  cells: [tbl: string, rowId: string, col: string, value: Change['value']][],
  options: { firstOp?: number; replay?: boolean; millis?: number } = {},
): Change[] {
  const first = options.firstOp ?? 1;
  const millis = options.millis ?? Date.now();
  return cells.map(([tbl, row_id, col, value], i) => ({
    op_id: first + i,
    hlc: encodeHlc({ millis, counter: (first + i) % 0xffff, node }),
    tbl,
    row_id,
    col,
    value,
    base_hlc: null,
    ...(options.replay ? { replay: true } : {}),
  }));
}
