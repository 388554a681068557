import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ClvError } from '../shared/errors.js';
import { SCRATCH_STREAM, scratchPath } from '../store/scratch-files.js';

/** An uploaded file kept in the project's scratch folder for the length of `work`. */
export interface Upload {
  /** Where the server keeps it: never shown to the client. */
  path: string;
  /** The name the client gave it. */
  name: string;
}

/**
 * Saves the multipart field `file` as a scratch file (owner-only; its extension kept, as the
 * format may come from it), runs `work` on it and removes it, whatever happens. A request
 * without a readable multipart body is a 400.
 */
export async function withUpload<T>(
  request: FastifyRequest,
  scratchDir: string,
  work: (upload: Upload) => Promise<T>,
): Promise<T> {
  const part = await firstFile(request);
  const extension = /(\.[\w-]{1,12}){0,2}$/.exec(basename(part.filename))?.[0] ?? '';
  const path = await scratchPath(scratchDir, `-upload${extension.toLowerCase()}`);
  try {
    try {
      await pipeline(part.file, createWriteStream(path, SCRATCH_STREAM));
    } catch (error) {
      throw new ClvError('bad_input', 'body: the upload broke off before its end', {
        cause: error,
      });
    }
    if (part.file.truncated) {
      throw new ClvError('too_large', 'the file is larger than server.bodyLimitMb');
    }
    return await work({ path, name: part.filename });
  } finally {
    await rm(path, { force: true });
  }
}

async function firstFile(request: FastifyRequest): Promise<MultipartFile> {
  let part: MultipartFile | undefined;
  try {
    part = await request.file();
  } catch (error) {
    throw new ClvError('bad_input', 'body: send the file as multipart/form-data, field "file"', {
      cause: error,
    });
  }
  if (!part) throw new ClvError('bad_input', 'body: send the file as multipart field "file"');
  return part;
}
