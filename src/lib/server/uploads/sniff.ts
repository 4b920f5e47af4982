/**
 * The type of an uploaded file, from its first bytes: the name and the browser's declared type
 * are the uploader's claims, the content is the file. Returns null for anything else.
 */
export type SniffedType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp';

export function sniffType(bytes: Uint8Array): SniffedType | null {
	const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
	if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
	if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF....WEBP
	return null;
}

export const EXTENSION: Record<SniffedType, string> = {
	'application/pdf': 'pdf',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};
