import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { AppError } from '$lib/server/errors';
import { LOGO_FILE_PATTERN, LOGO_MAX_BYTES } from '$lib/organizations/options';

/** Logos are shown at most this wide and high (twice the largest display size, for sharp screens). */
export const LOGO_SIZE = 512;
/** Decoding stops beyond this many pixels: a small file can still claim a huge image. */
const MAX_INPUT_PIXELS = 40_000_000;

type ImageType = 'png' | 'jpeg' | 'webp' | 'gif';

const refuse = (key: string, code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE' = 'BAD_REQUEST') =>
	new AppError(code, key, {
		fieldErrors: { logo: [key] },
		params: { max: LOGO_MAX_BYTES / 1024 / 1024 }
	});

/** The image type from the file's first bytes; the name and the browser's claim are not trusted. */
export function sniffImageType(b: Uint8Array): ImageType | null {
	const at = (offset: number, ...bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
	if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
	if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
	if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
	if (at(0, 0x47, 0x49, 0x46, 0x38) && (at(4, 0x37, 0x61) || at(4, 0x39, 0x61))) return 'gif';
	return null;
}

/**
 * Checks an uploaded logo and re-encodes it: WebP, at most LOGO_SIZE square, upright, with no
 * metadata (a phone photo's EXIF can carry the place it was taken). What comes out was decoded
 * and drawn again by us, so nothing of the upload but its pixels reaches other visitors.
 */
export async function processLogo(bytes: Uint8Array): Promise<Buffer> {
	if (bytes.length === 0) throw refuse('org_logo_required');
	if (bytes.length > LOGO_MAX_BYTES) throw refuse('org_logo_too_large', 'PAYLOAD_TOO_LARGE');
	const type = sniffImageType(bytes);
	if (!type) throw refuse('org_logo_not_image');
	try {
		const image = sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS });
		const meta = await image.metadata();
		// A JPEG header in front of something else is not a JPEG.
		if (meta.format !== type) throw refuse('org_logo_not_image');
		return await image
			.rotate()
			.resize({ width: LOGO_SIZE, height: LOGO_SIZE, fit: 'inside', withoutEnlargement: true })
			.webp({ quality: 82 })
			.toBuffer();
	} catch (err) {
		if (err instanceof AppError) throw err;
		throw refuse('org_logo_not_image');
	}
}

export const logosDir = (dataDir: string) => path.join(dataDir, 'uploads', 'logos');

/** The file's path, or null for a name the server did not make (no way out of the folder). */
export function logoFilePath(dataDir: string, file: string): string | null {
	return LOGO_FILE_PATTERN.test(file) ? path.join(logosDir(dataDir), file) : null;
}

/** Writes the logo under a new random name (written whole, then renamed: never half a file). */
export async function storeLogo(dataDir: string, webp: Buffer): Promise<string> {
	const dir = logosDir(dataDir);
	await mkdir(dir, { recursive: true });
	const file = `${encodeBase32LowerCaseNoPadding(randomBytes(20))}.webp`;
	const tmp = path.join(dir, `.${file}.tmp`);
	await writeFile(tmp, webp, { mode: 0o644 });
	await rename(tmp, path.join(dir, file));
	return file;
}

export async function deleteLogo(dataDir: string, file: string | null) {
	const p = file ? logoFilePath(dataDir, file) : null;
	if (p) await unlink(p).catch(() => {});
}
