import { open } from 'node:fs/promises';

/** The first `bytes` bytes of a plain file (fewer when it is shorter), for sniffing its format without reading it all. */
export async function fileHeadBytes(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The first `bytes` of a plain file as UTF-8. */
export async function fileHead(file: string, bytes: number): Promise<string> {
  return (await fileHeadBytes(file, bytes)).toString('utf8');
}
