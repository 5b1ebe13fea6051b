import sharp from 'sharp';

/** Decodes a PNG into raw pixels (tests). */
export async function decodePng(png: Uint8Array): Promise<{ width: number; height: number; channels: number; data: Uint8Array }> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: info.channels, data: new Uint8Array(data) };
}

/** Whether a picture has more than one colour (a blank picture has one). */
export function distinctColours(data: Uint8Array, channels: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < data.length; i += channels) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
  return seen.size;
}
