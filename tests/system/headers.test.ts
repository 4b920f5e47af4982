import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import zlib from 'node:zlib';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/lib/server/services/processes';

/**
 * Issue 8 item 3 over real HTTP, against the BUILT server (`node server.js`): security headers on
 * pages, error pages, tRPC and static files; CSP nonces on SvelteKit's inline scripts; HSTS only
 * when ORIGIN is https; a new session cookie at every sign-in. Needs `npx vite build` first.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tashbik-headers-'));
chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as the postgres user
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const PASSWORD = 'Figuig-Palmeraie-Dattes-77';

interface Server {
	child: ChildProcess;
	base: string;
	origin: string;
}

/** Starts the built server; `scheme` is what ORIGIN says (the socket itself is plain HTTP). */
async function start(scheme: 'http' | 'https'): Promise<Server> {
	const port = await findFreePort();
	const origin = `${scheme}://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATA_DIR: dataDir,
			SEED: 'never',
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stderr!.on('data', (c) => (out += c));
	await new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', (c) => {
			out += c;
			if (out.includes('Tashbik is ready')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
	});
	return { child, base: `http://127.0.0.1:${port}`, origin };
}

async function stop(s: Server | undefined) {
	if (!s || s.child.exitCode !== null) return;
	const exited = new Promise((r) => s.child.once('exit', r));
	s.child.kill('SIGTERM');
	await exited;
}

/** The CSP header as a map of directive to its sources. */
function csp(res: Response): Map<string, string[]> {
	const header = res.headers.get('content-security-policy');
	expect(header, `${res.url} has a CSP`).toBeTruthy();
	return new Map(
		header!
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...sources]) => [name, sources])
	);
}

function expectCommonHeaders(res: Response) {
	expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
	expect(res.headers.get('x-frame-options')).toBe('DENY');
	expect(csp(res).get('frame-ancestors')).toEqual(["'none'"]);
}

/** A form post as a browser sends it (SvelteKit checks the Origin of form posts). */
function postForm(s: Server, pathname: string, fields: Record<string, string>, cookie?: string) {
	return fetch(s.base + pathname, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: s.origin,
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual'
	});
}

/** The session cookie a response sets: its value and attributes. */
function sessionCookie(res: Response) {
	const line = res.headers.getSetCookie().find((c) => c.startsWith('tashbik_session='));
	expect(line, 'a session cookie is set').toBeTruthy();
	return { value: /^tashbik_session=([^;]*)/.exec(line!)![1], line: line! };
}

describe('over http (ORIGIN=http://…)', () => {
	let s: Server | undefined;
	beforeAll(async () => {
		s = await start('http');
	}, 120_000);
	afterAll(() => stop(s), 60_000);

	it('pages: CSP with a fresh nonce on every inline script, no unsafe-inline or unsafe-eval for scripts', async () => {
		const nonces = new Set<string>();
		for (const page of ['/', '/sign-in', '/search?q=huile']) {
			const res = await fetch(s!.base + page);
			expect(res.status).toBe(200);
			expectCommonHeaders(res);
			const policy = csp(res);
			const scriptSrc = policy.get('script-src')!;
			expect(scriptSrc).toContain("'self'");
			expect(scriptSrc).not.toContain("'unsafe-inline'");
			expect(scriptSrc).not.toContain("'unsafe-eval'");
			expect(policy.get('default-src')).toEqual(["'self'"]);
			expect(policy.get('object-src')).toEqual(["'none'"]);
			expect(policy.get('base-uri')).toEqual(["'self'"]);
			expect(policy.get('form-action')).toEqual(["'self'"]);
			const nonce = scriptSrc.find((src) => src.startsWith("'nonce-"))?.slice(7, -1);
			expect(nonce, 'script-src carries a nonce').toMatch(/^[A-Za-z0-9+/=_-]{16,}$/);
			nonces.add(nonce!);
			const html = await res.text();
			const inline = [...html.matchAll(/<script\b([^>]*)>/g)]
				.map((m) => m[1])
				.filter((attrs) => !/\bsrc=/.test(attrs));
			expect(inline.length, `${page} has SvelteKit's inline start-up script`).toBeGreaterThan(0);
			for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
			// No HSTS over plain http: it would lock browsers out of a site that has no https.
			expect(res.headers.get('strict-transport-security')).toBeNull();
		}
		expect(nonces.size).toBe(3);
	});

	it('error pages carry the same headers and CSP', async () => {
		const res = await fetch(`${s!.base}/no-such-page-here`);
		expect(res.status).toBe(404);
		expect(res.headers.get('content-type')).toMatch(/text\/html/);
		expectCommonHeaders(res);
		expect(csp(res).get('script-src')).not.toContain("'unsafe-inline'");
		// Staff pages for a visitor: a redirect to sign-in, headers too.
		const staff = await fetch(`${s!.base}/staff`, { redirect: 'manual' });
		expect(staff.status).toBe(303);
		expectCommonHeaders(staff);
	});

	it('tRPC and JSON answers: nosniff and a CSP that allows nothing, refusals included', async () => {
		const me = await fetch(`${s!.base}/api/trpc/auth.me`);
		expect(me.status).toBe(200);
		expect(me.headers.get('content-type')).toMatch(/application\/json/);
		expectCommonHeaders(me);
		expect(csp(me).get('default-src')).toEqual(["'none'"]);
		// A cross-site tRPC post is refused (403) with the same headers.
		const forged = await fetch(`${s!.base}/api/trpc/auth.signOut`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
			body: '{}'
		});
		expect(forged.status).toBe(403);
		expectCommonHeaders(forged);
		const health = await fetch(`${s!.base}/healthz`);
		expectCommonHeaders(health);
		// Static files are served before SvelteKit's hooks; they are not sniffed either.
		const robots = await fetch(`${s!.base}/robots.txt`);
		expect(robots.status).toBe(200);
		expect(robots.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('pages and tRPC answers travel compressed to clients that accept it; static files keep their build-time copies', async () => {
		const raw = (pathname: string, encoding: string) =>
			new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
				http
					.get(s!.base + pathname, { headers: { 'accept-encoding': encoding } }, (res) => {
						const chunks: Buffer[] = [];
						res.on('data', (c: Buffer) => chunks.push(c));
						res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
					})
					.on('error', reject);
			});
		const plain = await raw('/search?q=huile', 'identity');
		expect(plain.headers['content-encoding']).toBeUndefined();
		const page = plain.body.toString();
		expect(page).toContain('<html');

		const br = await raw('/search?q=huile', 'br, gzip');
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers.vary).toMatch(/accept-encoding/i);
		const html = zlib.brotliDecompressSync(br.body).toString();
		expect(html).toContain('<html');
		expect(br.body.length, 'the page shrinks').toBeLessThan(html.length / 2);
		// Same page apart from the per-response CSP nonce.
		const withoutNonce = (h: string) => h.replace(/nonce="[^"]+"/g, '');
		expect(withoutNonce(html).length).toBe(withoutNonce(page).length);

		const gz = await raw('/api/trpc/search.organizations?input=%7B%7D', 'gzip');
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(JSON.parse(zlib.gunzipSync(gz.body).toString())).toHaveProperty('result');

		const app = await raw('/', 'identity');
		const css = app.body
			.toString()
			.match(/href="\.?\/?(_app\/immutable\/assets\/[^"]+\.css)"/)?.[1];
		expect(css, 'the page links its stylesheet').toBeTruthy();
		const stylesheet = await raw('/' + css, 'br');
		expect(stylesheet.headers['content-encoding']).toBe('br');
		expect(stylesheet.headers['cache-control']).toMatch(/immutable/);
	});

	it('each language loads its own client bundle, which carries only its own words', async () => {
		const TITLE = {
			ar: 'ابحث عن التعاونيات والشركاء',
			fr: 'Trouver des coopératives et des partenaires',
			en: 'Find cooperatives and partners'
		} as const;
		const bundles = new Map<string, string>();
		for (const locale of ['ar', 'fr', 'en'] as const) {
			const page = await fetch(`${s!.base}/search`, {
				headers: { cookie: `tashbik_locale=${locale}` }
			});
			const html = await page.text();
			expect(html).toContain(`lang="${locale}"`);
			const bundle = html.match(/_app\/immutable\/bundle\.[\w-]+(\.(fr|en))?\.js/g);
			expect(bundle, `${locale}: one bundle`).toHaveLength(1);
			// The preload header names the same one (a French page once fetched both).
			const preloads = page.headers.get('link')?.match(/_app\/immutable\/bundle\.[\w.-]+\.js/g);
			expect(preloads, `${locale}: the Link header`).toEqual(bundle);
			expect(/\.(fr|en)\.js$/.exec(bundle![0])?.[1] ?? 'ar').toBe(locale);
			const res = await fetch(`${s!.base}/${bundle![0]}`, {
				headers: { 'accept-encoding': 'br' }
			});
			expect(res.status).toBe(200);
			expect(res.headers.get('content-encoding')).toBe('br');
			const code = await res.text();
			bundles.set(locale, bundle![0]);
			for (const other of ['ar', 'fr', 'en'] as const)
				expect(code.includes(TITLE[other]), `${locale} bundle has the ${other} title`).toBe(
					other === locale
				);
		}
		// One build: the same bundle, written once per language.
		const base = [...bundles.values()].map((b) => b.replace(/\.(fr|en)\.js$/, '.js'));
		expect(new Set(base).size).toBe(1);
	});

	it('every sign-in sets a new 200-bit session id; a planted or earlier cookie is never reused', async () => {
		const email = `headers-${Date.now()}@oriental.ma`;
		const signUp = await postForm(s!, '/sign-up', {
			email,
			password: PASSWORD,
			displayName: 'Coopérative Figuig',
			locale: 'fr'
		});
		expect(signUp.status).toBe(303);
		const first = sessionCookie(signUp);
		expect(first.value).toMatch(/^[a-z2-7]{40}$/);
		expect(first.line).toMatch(/HttpOnly/i);
		expect(first.line).toMatch(/SameSite=Lax/i);
		expect(first.line).toMatch(/Path=\//);
		expect(first.line).not.toMatch(/Secure/i);

		// A cookie planted by someone else (fixation attempt), then the real sign-in.
		const planted = 'a'.repeat(40);
		const signIn = await postForm(
			s!,
			'/sign-in',
			{ email, password: PASSWORD },
			`tashbik_session=${planted}`
		);
		expect(signIn.status).toBe(303);
		const second = sessionCookie(signIn);
		expect(second.value).toMatch(/^[a-z2-7]{40}$/);
		expect(second.value).not.toBe(planted);

		// Signing in again in the browser that has the first session replaces it.
		const again = await postForm(
			s!,
			'/sign-in',
			{ email, password: PASSWORD },
			`tashbik_session=${first.value}`
		);
		const third = sessionCookie(again);
		expect(new Set([first.value, second.value, third.value]).size).toBe(3);
		const account = (value: string) =>
			fetch(`${s!.base}/account`, {
				headers: { cookie: `tashbik_session=${value}` },
				redirect: 'manual'
			});
		expect((await account(first.value)).status).toBe(303); // ended: sent to sign in
		expect((await account(third.value)).status).toBe(200);
	});
});

describe('over https (ORIGIN=https://…, as behind a TLS-terminating proxy)', () => {
	let s: Server | undefined;
	beforeAll(async () => {
		s = await start('https');
	}, 120_000);
	afterAll(() => stop(s), 60_000);

	it('sends HSTS on pages, errors and tRPC, and marks the session cookie Secure', async () => {
		for (const p of ['/', '/no-such-page-here', '/api/trpc/auth.me']) {
			const res = await fetch(s!.base + p);
			expectCommonHeaders(res);
			expect(res.headers.get('strict-transport-security')).toBe(
				'max-age=31536000; includeSubDomains'
			);
		}
		const email = `headers-tls-${Date.now()}@oriental.ma`;
		const res = await postForm(s!, '/sign-up', {
			email,
			password: PASSWORD,
			displayName: 'Coopérative Berkane',
			locale: 'ar'
		});
		expect(res.status).toBe(303);
		expect(sessionCookie(res).line).toMatch(/;\s*Secure/i);
	});
});
