import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp, type TestUser } from '../helpers/test-app';
import { buildAuthzWorld, freshSession, type AuthzWorld } from '../helpers/authz-world';
import { procedureDefs, procedurePaths } from '../helpers/procedures';
import { hostileValue } from '../helpers/bad-input';

/**
 * Authorization and bad input over real HTTP: the BUILT server (`node server.js`, SvelteKit's
 * handler, hooks and all) against a test database holding the authorization world. Every route
 * file under src/routes (a new one without an entry here fails the first test) is requested as a
 * visitor, a member of another organization, the member and staff: its page load (GET) and each of
 * its form actions (POST), aimed at the member's private things. Refusals are refusals, nothing
 * answers 500, and no body given to a visitor or an outsider carries a private text. Then every
 * tRPC procedure gets garbage bodies over HTTP: always a 4xx, never a 500, and the server still
 * answers /healthz.
 */
type Actor = 'visitor' | 'outsider' | 'member' | 'staff';
const ACTORS: Actor[] = ['visitor', 'outsider', 'member', 'staff'];
/**
 * public: anyone; self: any signed-in person, on their own things; org: the member's private
 * organization (a draft), conversation or cluster; staff: the staff console; test: test-only
 * routes, which do not exist outside the e2e server.
 */
type Kind = 'public' | 'self' | 'org' | 'staff' | 'test';
interface Route {
	kind: Kind;
	url: (w: AuthzWorld) => string;
	/** Staff may see this private page (drafts are visible to staff on their profile). */
	staffMay?: boolean;
	/** Admins only: staff are refused too. */
	adminOnly?: boolean;
}

const ROUTES: Record<string, Route> = {
	'/': { kind: 'public', url: () => '/' },
	'/account': { kind: 'self', url: () => '/account' },
	'/account/security': { kind: 'self', url: () => '/account/security' },
	'/account/two-factor': { kind: 'self', url: () => '/account/two-factor' },
	'/api/test/chat': { kind: 'test', url: () => '/api/test/chat' },
	'/api/test/mail': { kind: 'test', url: () => '/api/test/mail' },
	'/api/test/matching': { kind: 'test', url: () => '/api/test/matching' },
	'/api/test/session': { kind: 'test', url: () => '/api/test/session' },
	'/c/[slug]': { kind: 'org', url: (w) => `/c/${w.cluster.slug}`, staffMay: true },
	'/clusters': { kind: 'public', url: () => '/clusters' },
	'/clusters/new': { kind: 'self', url: () => '/clusters/new' },
	'/connections': { kind: 'self', url: () => '/connections' },
	'/forgot-password': { kind: 'public', url: () => '/forgot-password' },
	'/healthz': { kind: 'public', url: () => '/healthz' },
	'/invitations/[token]': { kind: 'public', url: () => `/invitations/${'a'.repeat(32)}` },
	'/locale': { kind: 'public', url: () => '/locale' },
	'/media/logos/[file]': { kind: 'public', url: () => '/media/logos/nothing.webp' },
	'/messages': { kind: 'self', url: () => '/messages' },
	'/messages/[id]': { kind: 'org', url: (w) => `/messages/${w.conversationId}` },
	'/messages/with/[orgId]': {
		kind: 'org',
		url: (w) => `/messages/with/${w.orgDraft.id}`,
		staffMay: true
	},
	'/my': { kind: 'self', url: () => '/my' },
	'/notifications': { kind: 'self', url: () => '/notifications' },
	'/o/[slug]': { kind: 'org', url: (w) => `/o/${w.orgDraft.slug}`, staffMay: true },
	'/o/[slug]/connections': { kind: 'org', url: (w) => `/o/${w.orgDraft.slug}/connections` },
	'/o/[slug]/edit': { kind: 'org', url: (w) => `/o/${w.orgDraft.slug}/edit` },
	'/o/[slug]/members': { kind: 'org', url: (w) => `/o/${w.orgDraft.slug}/members` },
	'/o/[slug]/offers': { kind: 'org', url: (w) => `/o/${w.orgDraft.slug}/offers` },
	'/o/[slug]/suggestions': { kind: 'org', url: (w) => `/o/${w.orgDraft.slug}/suggestions` },
	'/o/[slug]/verification': { kind: 'org', url: (w) => `/o/${w.orgA.slug}/verification` },
	'/observatory': { kind: 'public', url: () => '/observatory' },
	'/observatory/export': { kind: 'public', url: () => '/observatory/export' },
	'/organizations/new': { kind: 'self', url: () => '/organizations/new' },
	'/report': { kind: 'self', url: (w) => `/report?type=organization&id=${w.orgDraft.id}` },
	'/reset-password/[token]': { kind: 'public', url: () => `/reset-password/${'a'.repeat(40)}` },
	// The draft's description holds the private text: a search for its words must not find it.
	'/search': { kind: 'public', url: () => '/search?q=Projet' },
	'/sign-in': { kind: 'public', url: () => '/sign-in' },
	'/sign-in/two-factor': { kind: 'public', url: () => '/sign-in/two-factor' },
	'/sign-out': { kind: 'public', url: () => '/sign-out' },
	'/sign-up': { kind: 'public', url: () => '/sign-up' },
	'/staff': { kind: 'staff', url: () => '/staff' },
	'/staff/audit': { kind: 'staff', url: () => '/staff/audit' },
	'/staff/clusters': { kind: 'staff', url: () => '/staff/clusters' },
	'/staff/observatory': { kind: 'staff', url: () => '/staff/observatory' },
	'/staff/reports': { kind: 'staff', url: () => '/staff/reports' },
	'/staff/reports/[type]/[id]': {
		kind: 'staff',
		url: (w) => `/staff/reports/organization/${w.orgB.id}`
	},
	'/staff/roles': { kind: 'staff', url: () => '/staff/roles', adminOnly: true },
	'/staff/verification': { kind: 'staff', url: () => '/staff/verification' },
	'/staff/verification/[id]': {
		kind: 'staff',
		url: (w) => `/staff/verification/${w.verification.id}`
	},
	'/staff/verification/[id]/document': {
		kind: 'staff',
		url: (w) => `/staff/verification/${w.verification.id}/document`
	},
	'/suggestions': { kind: 'self', url: () => '/suggestions' }
};

/** Route ids of the route files, read from the tree. */
function routeFiles() {
	const root = path.resolve('src/routes');
	const out = new Map<string, string[]>();
	for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !/^\+(page|layout)\.server\.ts$|^\+server\.ts$/.test(entry.name))
			continue;
		const dir = path.relative(root, entry.parentPath);
		const id = `/${dir.split(path.sep).filter(Boolean).join('/')}`;
		out.set(id, [...(out.get(id) ?? []), entry.name]);
	}
	return out;
}

/** Form actions per route id, read from the route modules themselves. */
const modules = import.meta.glob('/src/routes/**/+page.server.ts');
async function actionsOf(id: string) {
	const load = modules[`/src/routes${id === '/' ? '' : id}/+page.server.ts`];
	if (!load) return [];
	const mod = (await load()) as { actions?: Record<string, unknown> };
	return Object.keys(mod.actions ?? {});
}

let app: TestApp;
let w: AuthzWorld;
let server: ChildProcess;
let base: string;
let output = '';

async function freePort() {
	return new Promise<number>((resolve) => {
		const s = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as net.AddressInfo;
			s.close(() => resolve(port));
		});
	});
}

beforeAll(async () => {
	app = await createTestApp();
	w = await buildAuthzWorld(app);
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	server = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			DATABASE_URL: app.env.DATABASE_URL!,
			MEILI_URL: app.env.MEILI_URL!,
			MEILI_MASTER_KEY: app.env.MEILI_MASTER_KEY!,
			MEILI_INDEX_PREFIX: app.env.MEILI_INDEX_PREFIX,
			DATA_DIR: app.env.dataDir,
			LOG_LEVEL: 'warn',
			TEST_ROUTES: '0'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	server.stdout!.on('data', (c) => (output += c));
	server.stderr!.on('data', (c) => (output += c));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`not ready:\n${output}`)), 90_000);
		server.stdout!.on('data', () => {
			if (output.includes('Tashbik is ready')) {
				clearTimeout(timer);
				resolve();
			}
		});
		server.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
	});
}, 120_000);
afterAll(async () => {
	if (server && server.exitCode === null) {
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGTERM');
		await exited;
	}
	await app?.close();
});

function userOf(actor: Actor): TestUser | null {
	return { visitor: null, outsider: w.users.bob, member: w.users.alice, staff: w.users.staff }[
		actor
	];
}
/** A new session per request: some actions sign out. */
async function cookieOf(actor: Actor): Promise<Record<string, string>> {
	const user = userOf(actor);
	if (!user) return {};
	return { cookie: `${app.deps.lucia.sessionCookieName}=${await freshSession(app, user)}` };
}

type Answer = { status: number | 'SIGNIN'; body: string };

async function get(url: string, actor: Actor): Promise<Answer> {
	const res = await fetch(base + url, { headers: await cookieOf(actor), redirect: 'manual' });
	const location = res.headers.get('location') ?? '';
	const body = await res.text();
	if (res.status >= 300 && res.status < 400 && location.includes('/sign-in'))
		return { status: 'SIGNIN', body };
	return { status: res.status, body };
}

/** A form post in SvelteKit's own protocol (as enhanced forms send it). */
async function post(
	url: string,
	action: string,
	actor: Actor,
	form: Record<string, string>
): Promise<Answer> {
	const target =
		action === 'default' ? base + url : `${base}${url}${url.includes('?') ? '&' : '?'}/${action}`;
	const res = await fetch(target, {
		method: 'POST',
		headers: {
			...(await cookieOf(actor)),
			origin: base,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(form).toString(),
		redirect: 'manual'
	});
	const body = await res.text();
	if (!(res.headers.get('content-type') ?? '').includes('json'))
		return { status: res.status, body };
	const parsed = JSON.parse(body) as { type: string; status?: number; location?: string };
	if (parsed.type === 'redirect')
		return {
			status: parsed.location?.includes('/sign-in') ? 'SIGNIN' : (parsed.status ?? 303),
			body
		};
	if (parsed.type === 'success') return { status: 200, body };
	return { status: parsed.status ?? res.status, body };
}

/** Plausible fields of every form, aimed at the member's private things. */
const formFor = (w: AuthzWorld) => ({
	organizationId: w.orgDraft.id,
	id: w.orgDraft.id,
	slug: w.orgDraft.slug,
	connectionId: w.pending.id,
	targetId: w.orgB.id,
	targetType: 'organization',
	clusterId: w.cluster.id,
	targetOrgId: w.orgD.id,
	conversationId: w.conversationId,
	messageId: String(w.message.id),
	userId: w.users.alice.id,
	email: 'someone@example.test',
	role: 'admin',
	reason: 'spam',
	details: 'x',
	body: 'hello',
	registrationNumber: 'R-1',
	decision: 'verify',
	action: 'warn',
	status: 'published',
	accept: 'true',
	grant: 'true',
	kind: 'offer',
	category: 'honey',
	title_ar: 'عسل'
});

/** A visitor is sent to sign in, refused, or sent elsewhere (a 303 that is not a grant). */
const REFUSED: (number | 'SIGNIN')[] = ['SIGNIN', 303, 401, 403, 404];
/**
 * A signed-in person on someone else's things. A form post may also fail its validation (400)
 * before the procedure behind it checks membership; authorization behind valid input is the tRPC
 * matrix's (authz-trpc.test.ts): the actions call those same procedures.
 */
const DENIED_GET = [403, 404];
const DENIED_POST = [400, 403, 404];

function expectedFor(
	route: Route,
	actor: Actor,
	method: 'GET' | 'POST'
): (number | 'SIGNIN')[] | 'ANY' {
	const denied = method === 'GET' ? DENIED_GET : DENIED_POST;
	const granted = method === 'GET' ? [200, 303] : 'ANY';
	switch (route.kind) {
		case 'public':
			return 'ANY';
		case 'test':
			return [404, 405];
		case 'self':
			return actor === 'visitor' ? REFUSED : granted;
		case 'staff':
			if (actor === 'staff' && !route.adminOnly) return method === 'GET' ? [200] : 'ANY';
			return actor === 'visitor' ? REFUSED : denied;
		case 'org':
			if (actor === 'member') return method === 'GET' ? [200] : 'ANY';
			if (actor === 'staff' && route.staffMay) return granted;
			return actor === 'visitor' ? REFUSED : denied;
	}
}

function checkAnswer(
	label: string,
	route: Route,
	actor: Actor,
	method: 'GET' | 'POST',
	got: Answer
) {
	const expected = expectedFor(route, actor, method);
	expect(
		got.status === 'SIGNIN' || got.status < 500,
		`${label}: ${got.status} ${got.body.slice(0, 300)}`
	).toBe(true);
	if (expected !== 'ANY') expect(expected, `${label}: got ${got.status}`).toContain(got.status);
	if (actor === 'visitor' || actor === 'outsider')
		expect(got.body, `${label} leaked a private text`).not.toContain(w.secret);
	if (actor === 'visitor')
		expect(got.body, `${label} leaked contact details`).not.toContain(w.contact);
}

describe('pages, form actions and endpoints over HTTP (built server)', () => {
	it('has an entry for every route file, and none for a route that is gone', () => {
		expect([...routeFiles().keys()].sort()).toEqual(Object.keys(ROUTES).sort());
	});

	it.each(Object.keys(ROUTES).sort())('%s', async (id) => {
		const route = ROUTES[id];
		const url = route.url(w);
		const actions = await actionsOf(id);
		for (const actor of ACTORS) {
			checkAnswer(`GET ${url} as ${actor}`, route, actor, 'GET', await get(url, actor));
			// The member's own actions are the domain tests' business (and some delete things).
			if (actor === 'member') continue;
			for (const action of actions)
				checkAnswer(
					`POST ${url} ?/${action} as ${actor}`,
					route,
					actor,
					'POST',
					await post(url, action, actor, formFor(w))
				);
		}
	});
});

describe('tRPC over HTTP with garbage', () => {
	const statuses = new Set<number>();

	it.each(procedurePaths)('%s answers 4xx to garbage, never 500', async (p) => {
		const def = procedureDefs[p];
		const cookie = await cookieOf(
			def.meta?.access === 'staff' || def.meta?.access === 'admin' ? 'staff' : 'member'
		);
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					hostileValue.map((v) => JSON.stringify(v) ?? 'undefined'),
					fc.constantFrom(
						'{',
						'{"json":',
						'null',
						'[]',
						'\u0000',
						'{"a":"\\u0000"}',
						'{"x":"\\ud800"}'
					),
					fc.string({ unit: 'binary', maxLength: 50 })
				),
				async (body) => {
					const res = def.query
						? await fetch(`${base}/api/trpc/${p}?input=${encodeURIComponent(body)}`, {
								headers: cookie
							})
						: await fetch(`${base}/api/trpc/${p}`, {
								method: 'POST',
								headers: { ...cookie, origin: base, 'content-type': 'application/json' },
								body
							});
					const text = await res.text();
					statuses.add(res.status);
					expect(res.status, `${p} ${body.slice(0, 80)} -> ${text.slice(0, 200)}`).toBeLessThan(
						500
					);
					// tRPC's own refusals say why; Node refuses an over-long URL itself (431, no body).
					if (res.status >= 400 && res.status !== 431)
						expect(JSON.parse(text)).toHaveProperty('error.message');
				}
			),
			{ numRuns: 6 }
		);
	});

	it('a body over the limit, a wrong method and a cross-site post are refused cleanly', async () => {
		const big = await fetch(`${base}/api/trpc/search.organizations`, {
			method: 'POST',
			headers: { origin: base, 'content-type': 'application/json' },
			body: JSON.stringify({ q: 'x'.repeat(8 * 1024 * 1024) })
		});
		expect(big.status).toBeGreaterThanOrEqual(400);
		expect(big.status).toBeLessThan(500);
		const wrong = await fetch(`${base}/api/trpc/organizations.create`);
		expect([404, 405]).toContain(wrong.status);
		const cross = await fetch(`${base}/api/trpc/auth.signOut`, {
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
			body: '{}'
		});
		expect(cross.status).toBe(403);
	});

	it('NUL and broken text in paths, queries and forms are a 400, never a 500', async () => {
		const cookie = await cookieOf('member');
		for (const url of [
			`/o/a%00b`,
			`/o/a%00b/verification`,
			`/c/a%00b`,
			`/messages/with/a%00b`,
			`/staff/reports/organization/a%00b`,
			`/search?q=a%00b`,
			`/invitations/a%00b`,
			`/o/${w.orgA.slug}?x%00=1`
		]) {
			const res = await fetch(base + url, { headers: cookie, redirect: 'manual' });
			expect(res.status, url).toBe(400);
		}
		const form = await post(`/o/${w.orgA.slug}/verification`, 'default', 'member', {
			registrationNumber: 'R\u0000-1',
			note: 'x'
		});
		expect(form.status).toBe(400);
	});

	it('the server still answers its health check, and logged no unhandled error', async () => {
		const res = await fetch(`${base}/healthz`);
		expect(res.status).toBe(200);
		expect(output).not.toMatch(/unhandled error|tRPC procedure failed/);
	});
});
