// The little of PouchDB and express-pouchdb the bench uses (they ship no types).
declare module 'pouchdb' {
  interface Database {
    bulkDocs(docs: object[]): Promise<unknown[]>;
    info(): Promise<{ doc_count: number }>;
    close(): Promise<void>;
    replicate: {
      from(source: string, options?: { batch_size?: number }): Promise<{ docs_written: number }>;
    };
  }
  interface PouchDBStatic {
    new (name: string): Database;
    defaults(options: { prefix: string }): PouchDBStatic;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}

declare module 'express-pouchdb' {
  import type { Server } from 'node:http';
  export default function expressPouchDB(
    pouch: unknown,
    options: { mode: string; inMemoryConfig: boolean; logPath?: string },
  ): { listen(port: number, host: string, done: () => void): Server };
}
