/**
 * Draws an image again at most `max` pixels wide and high, as WebP (PNG where the browser cannot
 * write WebP). Null when the browser cannot decode the file: the original is then sent and the
 * server decides.
 */
export async function shrinkImage(file: File, max: number): Promise<Blob | null> {
	try {
		const bitmap = await createImageBitmap(file);
		const scale = Math.min(1, max / Math.max(bitmap.width, bitmap.height));
		const canvas = document.createElement('canvas');
		canvas.width = Math.max(1, Math.round(bitmap.width * scale));
		canvas.height = Math.max(1, Math.round(bitmap.height * scale));
		canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
		bitmap.close();
		return await new Promise((resolve) => canvas.toBlob(resolve, 'image/webp', 0.9));
	} catch {
		return null;
	}
}
