import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ImportFileError } from './csv-records.js';

export interface SpooledUpload {
  /** The upload, complete, in a folder of its own under the system's temporary folder. */
  path: string;
  bytes: number;
  /** Deletes the file and its folder (safe to call twice). */
  remove(): Promise<void>;
}

const fmt = (n: number) => n.toLocaleString('en-GB');

/**
 * Receives an upload completely into a temporary file before the import touches the database:
 * a slow or stalled sender then holds a file handle, never a database connection, a transaction
 * or an import lock. Over `maxBytes` it stops with a 413 (the rest of the body is read and
 * discarded, so the answer reaches the sender); on any failure the file is deleted.
 */
export async function spoolUpload(input: Readable, maxBytes: number): Promise<SpooledUpload> {
  // mkdtemp creates the folder readable by this user only.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ipo-upload-'));
  const file = path.join(dir, 'upload.csv');
  const remove = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        callback(
          new ImportFileError(
            [
              {
                line: 0,
                column: null,
                reason: `The file is larger than the ${fmt(maxBytes / 1024 / 1024)} MB limit: split it into smaller files.`,
              },
            ],
            413,
          ),
        );
        return;
      }
      callback(null, chunk);
    },
  });
  // `pipe`, not `pipeline`, from the request: a failure must not destroy the request's socket
  // before the answer is sent. Its own errors (the sender went away) are passed on.
  const onInputError = (error: Error) => limiter.destroy(error);
  input.once('error', onInputError);
  input.pipe(limiter);
  try {
    await pipeline(limiter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    return { path: file, bytes, remove };
  } catch (error) {
    input.unpipe(limiter);
    // Drain what is left of an over-long body so the 413 can be answered; an error while it
    // drains (the sender gives up) no longer matters.
    input.on('error', () => {});
    if (!input.destroyed) input.resume();
    await remove();
    throw error;
  } finally {
    input.off('error', onInputError);
  }
}
