import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/** Device-generated primary keys: UUIDv7, so ids sort by creation time. */
export function newId(): string {
  return uuidv7();
}

export const idSchema = z.uuid();
