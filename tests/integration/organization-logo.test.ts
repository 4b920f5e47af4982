import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app';
import { addMember, makeOrg, outboxRows, rejection } from '../helpers/organizations';
import { localizeError } from '../../src/lib/server/trpc/error-format';
import { GET as serveLogo } from '../../src/routes/media/logos/[file]/+server';

let app: TestApp;
let dataDir: string;
let owner: TestUser;
let orgId: string;
beforeAll(async () => {
	dataDir = await mkdtemp(path.join(os.tmpdir(), 'tashbik-logos-'));
	app = await createTestApp({ env: { DATA_DIR: dataDir } });
	owner = await app.user();
	orgId = (await makeOrg(app, owner)).id;
});
afterAll(async () => {
	await app?.close();
	await rm(dataDir, { recursive: true, force: true });
});

const logosDir = () => path.join(dataDir, 'uploads', 'logos');
const files = async () =>
	(await readdir(logosDir()).catch(() => [])).filter((f) => !f.startsWith('.'));
const bytes = (b: Buffer | string) => new Uint8Array(Buffer.from(b));
const upload = async (file: Uint8Array, as: TestUser = owner, id = orgId) =>
	(await app.caller(as, 'fr')).organizations.setLogo({ id, file });
const logoPath = async () =>
	(await app.db.query('SELECT logo_path FROM organizations WHERE id = $1', [orgId])).rows[0]
		.logo_path as string | null;

/** A photo as phones take them: large, JPEG, with EXIF (orientation, camera). */
const photo = () =>
	sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#c27b2a' } })
		.jpeg()
		.withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Model 7' } })
		.toBuffer();

async function refusal(file: Uint8Array) {
	const err = await rejection(upload(file));
	return { code: err.code, ...localizeError(err, 'fr') };
}

describe('logo upload', () => {
	it('re-encodes an accepted image as a small WebP without metadata, under a server-made name', async () => {
		const before = (await outboxRows(app, orgId)).length;
		const { logoUrl } = await upload(bytes(await photo()));
		const file = (await logoPath())!;
		expect(file).toMatch(/^[a-z2-7]{32}\.webp$/);
		expect(logoUrl).toBe(`/media/logos/${file}`);
		const stored = await readFile(path.join(logosDir(), file));
		const meta = await sharp(stored).metadata();
		expect(meta).toMatchObject({ format: 'webp', width: 512, height: 384 });
		expect(meta.exif).toBeUndefined();
		expect(stored.length).toBeLessThan(50_000);
		const outbox = await outboxRows(app, orgId);
		expect(outbox.length).toBe(before + 1);
		const { rows } = await app.db.query(
			'SELECT xmin::text AS xid FROM organizations WHERE id = $1',
			[orgId]
		);
		expect(outbox.at(-1)!.xid).toBe(rows[0].xid);
	});

	it('replaces the old file, and removing the logo deletes it', async () => {
		const png = await sharp({
			create: { width: 64, height: 64, channels: 4, background: { r: 0, g: 90, b: 80, alpha: 0.5 } }
		})
			.png()
			.toBuffer();
		const old = await logoPath();
		await upload(bytes(png));
		const current = (await logoPath())!;
		expect(current).not.toBe(old);
		expect(await files()).toEqual([current]);
		// Small images are not enlarged.
		expect(await sharp(path.join(logosDir(), current)).metadata()).toMatchObject({
			width: 64,
			height: 64
		});

		await (await app.caller(owner)).organizations.removeLogo({ id: orgId });
		expect(await logoPath()).toBeNull();
		expect(await files()).toEqual([]);
	});

	it('refuses a file over 2 MB with a clear message, before decoding it', async () => {
		const big = Buffer.alloc(2 * 1024 * 1024 + 1);
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(big);
		const r = await refusal(bytes(big));
		expect(r.code).toBe('PAYLOAD_TOO_LARGE');
		expect(r.fieldErrors).toEqual({
			logo: ['L’image dépasse 2 Mo. Choisissez une image plus légère.']
		});
	});

	it('judges by content: text, HTML or SVG named .png, and a fake JPEG header are refused', async () => {
		// What a browser would send for "logo.png" that is really a web page: the name and type are ignored.
		const disguised = new File(['<html><script>alert(1)</script></html>'], 'logo.png', {
			type: 'image/png'
		});
		const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
		const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]);
		const truncatedPng = (
			await sharp({ create: { width: 50, height: 50, channels: 3, background: '#fff' } })
				.png()
				.toBuffer()
		).subarray(0, 60);
		for (const file of [
			new Uint8Array(await disguised.arrayBuffer()),
			bytes(svg),
			bytes('just some text'),
			bytes(fakeJpeg),
			bytes(truncatedPng)
		]) {
			const r = await refusal(file);
			expect(r.code).toBe('BAD_REQUEST');
			expect(r.fieldErrors).toEqual({
				logo: ['Ce fichier n’est pas une image PNG, JPEG, WebP ou GIF valide.']
			});
		}
		expect(await refusal(new Uint8Array())).toMatchObject({ code: 'BAD_REQUEST' });
	});

	it('refuses an image that claims too many pixels (a decompression bomb)', async () => {
		const bomb = await sharp({
			create: { width: 8000, height: 8000, channels: 3, background: '#000' }
		})
			.png({ compressionLevel: 9 })
			.toBuffer();
		expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
		expect((await refusal(bytes(bomb))).code).toBe('BAD_REQUEST');
	});

	it('only owners and admins upload; outsiders get NOT_FOUND, and nothing is written', async () => {
		const [member, outsider] = await Promise.all([app.user(), app.user()]);
		await addMember(app, orgId, member, 'member');
		const jpeg = bytes(await photo());
		expect((await rejection(upload(jpeg, member))).code).toBe('FORBIDDEN');
		expect((await rejection(upload(jpeg, outsider))).code).toBe('NOT_FOUND');
		expect(
			(await rejection((await app.caller(null)).organizations.setLogo({ id: orgId, file: jpeg })))
				.code
		).toBe('UNAUTHORIZED');
		expect(await files()).toEqual([]);
	});
});

describe('serving logos', () => {
	const serve = (file: string) =>
		serveLogo({ params: { file }, locals: { deps: app.deps } } as never);

	it('serves the WebP with our type, nosniff and a long cache', async () => {
		await upload(bytes(await photo()));
		const res = await serve((await logoPath())!);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('image/webp');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format).toBe('webp');
	});

	it('answers 404 for names it did not make, and for paths out of its folder', async () => {
		for (const name of ['../../../etc/passwd', 'aaaa.webp', `${'a'.repeat(32)}.webp`, 'x.svg']) {
			await expect(serve(name)).rejects.toMatchObject({ status: 404 });
		}
	});
});
