import http from 'node:http';
import https from 'node:https';
import { Meilisearch } from 'meilisearch';

/**
 * Meilisearch over node:http with a keep-alive agent. Node's fetch stalled responses over ~1 KB
 * for ~40 ms (delayed ACK, see STACK.md); a plain agent answers in about a millisecond.
 */
const agents = {
	http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
	https: new https.Agent({ keepAlive: true, maxSockets: 64 })
};

export class MeiliHttpError extends Error {
	constructor(
		message: string,
		readonly httpStatus: number,
		readonly code?: string
	) {
		super(message);
		this.name = 'MeiliHttpError';
	}
}

function nodeHttpClient(input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<unknown> {
	const url = new URL(input instanceof Request ? input.url : String(input));
	const lib = url.protocol === 'https:' ? https : http;
	const headers: Record<string, string> = {};
	new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
	const body = typeof init?.body === 'string' ? init.body : undefined;
	if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
	return new Promise((resolve, reject) => {
		const req = lib.request(
			url,
			{
				method: init?.method ?? 'GET',
				headers,
				agent: url.protocol === 'https:' ? agents.https : agents.http,
				timeout: 10_000
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed: unknown;
					try {
						parsed = text ? JSON.parse(text) : undefined;
					} catch {
						parsed = text;
					}
					const status = res.statusCode ?? 0;
					if (status >= 400) {
						const p = parsed as { message?: string; code?: string } | undefined;
						reject(
							new MeiliHttpError(p?.message ?? `Meilisearch answered ${status}`, status, p?.code)
						);
					} else resolve(parsed);
				});
				res.on('error', reject);
			}
		);
		req.on('timeout', () => req.destroy(new Error('Meilisearch request timed out')));
		req.on('error', reject);
		// A caller's deadline (search falls back to PostgreSQL rather than wait 10 s).
		const signal = init?.signal;
		if (signal) {
			const abort = () => req.destroy(new Error('Meilisearch request aborted'));
			if (signal.aborted) abort();
			else signal.addEventListener('abort', abort, { once: true });
			req.on('close', () => signal.removeEventListener('abort', abort));
		}
		if (body !== undefined) req.write(body);
		req.end();
	});
}

export function createMeiliClient(url: string, apiKey: string) {
	return new Meilisearch({ host: url, apiKey, httpClient: nodeHttpClient });
}

export type MeiliClient = ReturnType<typeof createMeiliClient>;
