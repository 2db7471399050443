/**
 * Gzip a rotated file in the background with zlib streams (the event loop keeps running):
 * `x.log` → `x.log.gz.tmp` → renamed `x.log.gz`, then `x.log` is removed. On failure the
 * uncompressed file stays and the temporary file is removed.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export async function gzipFile(path: string): Promise<boolean> {
  const tmp = path + '.gz.tmp';
  try {
    await pipeline(createReadStream(path), createGzip(), createWriteStream(tmp));
    await rename(tmp, path + '.gz');
    await unlink(path);
    return true;
  } catch {
    await unlink(tmp).catch(() => undefined);
    return false;
  }
}
