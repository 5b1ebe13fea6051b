/**
 * Writes a picture to a file, creating its folder (Node; `node:fs` is imported on call, so the
 * package stays loadable in browsers).
 */
export async function writeOutput(path: string, content: string | Uint8Array): Promise<string> {
  const [{ mkdir, writeFile }, { dirname }] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return path;
}

/** A layer name as a file name: characters other than letters, digits, `-`, `_` and `.` become `_`. */
export function fileNameOf(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
