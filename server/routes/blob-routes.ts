// Attachments' files: what the server holds of one (so an upload resumes where it stopped, or is
// skipped), a piece of an upload, and the file itself (ranged, so a download resumes too). Every
// request carries a device token, is checked against the project's roles, and reaches only the
// files uploaded to that project.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ATTACHMENT_LIMITS, sha256Schema } from '../../main/domain/attachments';
import { AppError } from '../../main/domain/errors';
import { idSchema } from '../../main/domain/ids';
import type { Role } from '../../main/domain/sync-protocol';
import { parseOrThrow as parse } from '../../main/domain/validation';
import { MAX_PIECE } from '../blobs';
import type { RouteDeps } from './route-deps';

const WRITERS: Role[] = ['engineer', 'manager', 'admin'];

const params = z.object({ projectId: idSchema, sha256: sha256Schema }).strict();
const pieceQuery = z
  .object({
    offset: z.coerce.number().int().min(0),
    size: z.coerce.number().int().min(1).max(ATTACHMENT_LIMITS.bytes),
  })
  .strict();

/** The start of a "bytes=N-" range; anything else reads the whole file. */
function rangeStart(header: string | undefined): number {
  const match = header ? /^bytes=(\d+)-$/.exec(header.trim()) : null;
  return match ? Number(match[1]) : 0;
}

export function blobRoutes(api: FastifyInstance, { authorize, blobs, store }: RouteDeps): void {
  api.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: MAX_PIECE },
    (_request, body, done) => done(null, body),
  );

  api.get('/projects/:projectId/blobs/:sha256/status', async (request) => {
    const { projectId, sha256 } = parse(params, request.params, 'params');
    await authorize(request, projectId);
    return blobs.status(projectId, sha256);
  });

  api.put('/projects/:projectId/blobs/:sha256', async (request) => {
    const { projectId, sha256 } = parse(params, request.params, 'params');
    await authorize(request, projectId, WRITERS);
    const { offset, size } = parse(pieceQuery, request.query, 'query');
    const piece = request.body;
    if (!Buffer.isBuffer(piece) || piece.length === 0 || offset + piece.length > size)
      throw new AppError('input.invalid', {
        issues: [{ path: 'body', message: 'a piece of the file, within its size' }],
      });
    const status = await blobs.status(projectId, sha256);
    if (status.complete) return status;
    if (offset === 0) {
      // A file that would fill the project past its quota is refused before a byte is kept.
      const [usage] = await store.usage(projectId);
      const used = (usage?.logBytes ?? 0) + (usage?.fileBytes ?? 0);
      if (used + size > store.quotaBytes)
        throw new AppError('quota.exceeded', { used, quota: store.quotaBytes });
    }
    const have = await blobs.append(projectId, sha256, offset, piece);
    if (have === null)
      throw new AppError('blob.offset', {
        sha256,
        have: (await blobs.status(projectId, sha256)).have,
      });
    if (have < size) return { have, complete: false };
    const result = await blobs.complete(projectId, sha256, size);
    if (result !== 'stored') throw new AppError('blob.mismatch', { sha256 });
    return { have, complete: true };
  });

  api.get('/projects/:projectId/blobs/:sha256', async (request, reply) => {
    const { projectId, sha256 } = parse(params, request.params, 'params');
    await authorize(request, projectId);
    const size = await blobs.size(projectId, sha256);
    if (size === null) throw new AppError('blob.missing', { sha256 });
    const start = Math.min(rangeStart(request.headers.range), size);
    // Streamed as it is read: a 50 MB photo to ten laptops never sits whole in the server's memory.
    const bytes = blobs.read(sha256, start, size);
    void reply
      .code(start > 0 ? 206 : 200)
      .header('content-type', 'application/octet-stream')
      .header('content-length', String(size - start))
      .header('x-blob-size', String(size))
      .header('cache-control', 'private, max-age=31536000, immutable');
    if (start > 0) void reply.header('content-range', `bytes ${start}-${size - 1}/${size}`);
    return reply.send(bytes);
  });
}
