import type { Sharp, SharpOptions } from 'sharp';

// Loaded on the first upload, not at start: sharp's libvips alone is tens of MB a server that never
// receives a file should not carry.
let loadedSharp: Promise<(input: string, options: SharpOptions) => Sharp> | undefined;
const loadSharp = () => {
  loadedSharp ??= import('sharp').then(({ default: sharp }) => {
    // libvips' operation cache would keep decoded images around; thumbnails are made once each.
    sharp.cache(false);
    return sharp;
  });
  return loadedSharp;
};

/** SPEC §12: what may be attached, decided by the bytes (never the name or the client's content type). */
export const ALLOWED_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf']);
/** Enough of the file for every signature file-type knows. */
export const HEAD_BYTES = 4100;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_MESSAGE = 5;
const THUMBNAIL_PIXELS = 320;

/** The file's type by its first bytes, or undefined when it is not one we accept. */
export async function allowedTypeOf(head: Buffer): Promise<string | undefined> {
  const { fileTypeFromBuffer } = await import('file-type');
  const type = await fileTypeFromBuffer(head);
  if (!type) return undefined;
  // file-type names HEIC stills image/heic and their sequences image/heic-sequence.
  const mime = type.mime === 'image/heic-sequence' ? 'image/heic' : type.mime;
  return ALLOWED_TYPES.has(mime) ? mime : undefined;
}

export const isImage = (contentType: string) => contentType.startsWith('image/');

// At most this many thumbnails at once: each decodes a camera-sized photo (tens of MB while it works).
const THUMBNAILS_AT_ONCE = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= THUMBNAILS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * A small WebP of an image file, turned upright; undefined when the image cannot be decoded (a HEIC
 * photo: sharp's prebuilt libvips reads AVIF but not HEVC; a corrupt file). Read from the file itself,
 * so libvips decodes a JPEG already shrunk and never holds the original in memory.
 */
export function thumbnailOf(path: string): Promise<Buffer | undefined> {
  return inTurn(async () => {
    try {
      const sharp = await loadSharp();
      return await sharp(path, { limitInputPixels: 50_000_000, failOn: 'error' })
        .rotate()
        .resize(THUMBNAIL_PIXELS, THUMBNAIL_PIXELS, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer();
    } catch {
      return undefined;
    }
  });
}
