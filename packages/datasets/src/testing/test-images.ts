import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';

/** Writes an image of `width` x `height` RGB pixels given by `rgb(x, y)`, in the format of the file's extension (bmp by hand: sharp writes none). */
export async function writeImage(path: string, width: number, height: number, rgb: (x: number, y: number) => [number, number, number]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(rgb(x, y), (y * width + x) * 3);
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'bmp') {
    await writeFile(path, bmp(raw, width, height));
    return;
  }
  const image = sharp(raw, { raw: { width, height, channels: 3 } });
  const encoded = ext === 'png' ? image.png() : ext === 'gif' ? image.gif() : image.jpeg({ quality: 95 });
  await writeFile(path, await encoded.toBuffer());
}

/** A 24-bit uncompressed BMP (rows bottom-up, BGR, padded to 4 bytes). */
function bmp(raw: Buffer, width: number, height: number): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * height);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(stride * height, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 3;
      const to = 54 + (height - 1 - y) * stride + x * 3;
      out[to] = raw[from + 2]!;
      out[to + 1] = raw[from + 1]!;
      out[to + 2] = raw[from]!;
    }
  }
  return out;
}
