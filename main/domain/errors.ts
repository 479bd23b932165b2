// The one error type that crosses every boundary (IPC, HTTP bridge, CLI, server): a code, a
// message key the UI translates, and plain-data details.

export const ERROR_CODES = [
  'input.invalid',
  'api.unknown_channel',
  'api.untrusted_sender',
  'not_found',
  'db.locked',
  'db.read_only',
  'db.corrupt',
  'db.newer_version',
  'db.open_failed',
  'backup.failed',
  'backup.not_found',
  'backup.unusable',
  'files.backup_unreadable',
  'cli.invalid_option',
  'export.write_failed',
  'sheet.nothing_to_approve',
  'date.too_far_ahead',
  'stage.out_of_order',
  'stage.already_complete',
  'stage.before_previous',
  'stage.hold_point_no_slurry',
  'stage.hold_point_slurry',
  'stage.not_latest',
  'stage.needs_signature',
  'stage.undo_closed',
  'inspection.stage_not_recorded',
  'inspection.already_passed',
  'inspection.before_previous',
  'inspection.not_latest',
  'acceptance.not_recorded',
  'acceptance.already_signed',
  'import.unreadable',
  'import.has_errors',
  'attachment.refused',
  'blob.mismatch',
  'blob.offset',
  'blob.missing',
  'setup.has_history',
  'setup.has_panels',
  'setup.code_taken',
  'sync.bad_stamp',
  'sync.clock_drift',
  'sync.client_too_old',
  'sync.project_mismatch',
  'sync.not_published',
  'sync.client_taken',
  'sync.unknown_column',
  'sync.invalid_value',
  'quota.exceeded',
  'sync.unreachable',
  'sync.not_connected',
  'sync.server_error',
  'auth.required',
  'auth.invalid',
  'auth.forbidden',
  'auth.rate_limited',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetails = Record<string, unknown>;

export interface SerializedAppError {
  code: ErrorCode;
  messageKey: string;
  details: ErrorDetails;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}, messageKey: string = `errors.${code}`) {
    super(`${code}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ''}`);
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.details = details;
  }

  toJSON(): SerializedAppError {
    return { code: this.code, messageKey: this.messageKey, details: this.details };
  }

  static fromJSON(value: SerializedAppError): AppError {
    return new AppError(value.code, value.details, value.messageKey);
  }
}

export function isSerializedAppError(value: unknown): value is SerializedAppError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.messageKey === 'string' &&
    typeof v.details === 'object' &&
    v.details !== null
  );
}

/** What every channel returns on the wire: errors travel as data, since IPC drops custom fields. */
/**
 * A channel's answer. `changed` names the tables its writes changed (also on a refusal that came
 * after some were written), so the window reads them again before the call resolves.
 */
export type Envelope<T> = ({ ok: true; value: T } | { ok: false; error: SerializedAppError }) & {
  changed?: string[];
};

/** The HTTP status of each error, for the sync server and the harness's bridge alike. */
export const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  'input.invalid': 400,
  'auth.required': 401,
  'auth.invalid': 401,
  'auth.forbidden': 403,
  'api.untrusted_sender': 403,
  not_found: 404,
  'api.unknown_channel': 404,
  'sync.clock_drift': 409,
  'sync.not_published': 409,
  'sync.client_taken': 403,
  'quota.exceeded': 413,
  'attachment.refused': 422,
  'blob.mismatch': 422,
  'blob.offset': 409,
  'blob.missing': 404,
  'sync.client_too_old': 426,
  'auth.rate_limited': 429,
  'db.locked': 503,
};

/**
 * The HTTP status of an error: its own, else a refusal of what was asked (a stage out of order, a
 * hold point not passed: 409; any other typed refusal: 422); only a fault is a 5xx.
 */
export function httpStatusOf(code: string): number {
  const own = HTTP_STATUS[code as ErrorCode];
  if (own) return own;
  if (code === 'internal' || code.startsWith('db.')) return 500;
  return code.startsWith('stage.') ? 409 : 422;
}
