import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, nextEvent, type TestApp } from '../helpers/test-app';
import { insertOrg } from '../helpers/orgs';
import { newClientId, unwrap } from '../helpers/chat-fixtures';
import type { ChatMessage } from '../../src/lib/chat/types';

let app: TestApp;
let url: string;
beforeAll(async () => {
	app = await createTestApp();
	({ url } = await app.startRealtimeServer());
});
afterAll(() => app?.close());

/** Three cooperatives in an active cluster, each owner online; and an outsider. */
async function activeCluster() {
	const owners = await Promise.all([0, 1, 2, 3].map(() => app.user()));
	const orgs = await Promise.all(owners.map((o) => insertOrg(app, o)));
	const as = (i: number) => app.caller(owners[i]);
	const cluster = await (
		await as(0)
	).clusters.propose({
		organizationId: orgs[0].id,
		nameFr: 'Cluster miel',
		sectorCode: 'beekeeping',
		provinces: []
	});
	for (const i of [1, 2]) {
		await (
			await as(0)
		).clusters.invite({
			clusterId: cluster.id,
			organizationId: orgs[0].id,
			targetOrgId: orgs[i].id
		});
		await (
			await as(i)
		).clusters.respondToInvitation({
			clusterId: cluster.id,
			organizationId: orgs[i].id,
			accept: true
		});
	}
	await (await as(0)).clusters.submit({ clusterId: cluster.id, organizationId: orgs[0].id });
	await (
		await app.caller(await app.user({ role: 'staff' }))
	).clusters.approve({ clusterId: cluster.id });
	const view = await (await as(0)).clusters.get({ idOrSlug: cluster.slug });
	const channel = view.channelId!;
	const sockets = owners.map((o) => app.connect(url, o));
	await Promise.all(sockets.map((s) => nextEvent(s, 'connect')));
	return { owners, orgs, as, cluster, channel, sockets };
}

const send = (s: ReturnType<TestApp['connect']>, channel: string, body: string) =>
	s.emitWithAck('chat:send', { conversationId: channel, clientId: newClientId(), body });

describe('cluster channel', () => {
	it('every active member organization shares it; outsiders cannot read, join or send', async () => {
		const { sockets, channel, owners } = await activeCluster();
		const at1 = nextEvent<ChatMessage>(sockets[1], 'chat:message-created');
		const at2 = nextEvent<ChatMessage>(sockets[2], 'chat:message-created');
		const sent = unwrap(await send(sockets[0], channel, 'Réunion jeudi à Berkane'));
		expect(await at1).toEqual(sent);
		expect(await at2).toEqual(sent);
		expect(await send(sockets[3], channel, 'moi aussi')).toMatchObject({
			error: { code: 'NOT_FOUND' }
		});
		expect(await sockets[3].emitWithAck('chat:join', { conversationId: channel })).toMatchObject({
			error: { code: 'NOT_FOUND' }
		});
		await expect(
			(await app.caller(owners[3])).chat.history({ conversationId: channel })
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
		const inbox = await (await app.caller(owners[2])).chat.inbox();
		expect(inbox.items.find((i) => i.id === channel)?.cluster?.name).toBe('Cluster miel');
	});

	it('joining gives the history; leaving takes access away at once, live sockets included', async () => {
		const { sockets, channel, owners, orgs, as, cluster } = await activeCluster();
		unwrap(await send(sockets[0], channel, 'avant votre arrivée'));
		// A fourth organization joins: it reads what was said before.
		await (
			await as(3)
		).clusters.requestToJoin({ clusterId: cluster.id, organizationId: orgs[3].id });
		const granted = nextEvent<{ conversationId: string; access: boolean }>(
			sockets[3],
			'chat:access-changed'
		);
		await (
			await as(0)
		).clusters.decideRequest({
			clusterId: cluster.id,
			organizationId: orgs[0].id,
			targetOrgId: orgs[3].id,
			accept: true
		});
		expect(await granted).toEqual({ conversationId: channel, access: true });
		const history = await (await app.caller(owners[3])).chat.history({ conversationId: channel });
		expect(history.messages.map((m) => m.body)).toEqual(['avant votre arrivée']);

		// Organization 2 leaves: its socket is told, leaves the room, and receives nothing more.
		unwrap(await sockets[2].emitWithAck('chat:join', { conversationId: channel }));
		const revoked = nextEvent<{ access: boolean }>(sockets[2], 'chat:access-changed');
		await (await as(2)).clusters.leave({ clusterId: cluster.id, organizationId: orgs[2].id });
		expect((await revoked).access).toBe(false);
		let leaked = false;
		sockets[2].on('chat:message-created', () => (leaked = true));
		sockets[2].on('chat:user-typed', () => (leaked = true));
		unwrap(await sockets[0].emitWithAck('chat:join', { conversationId: channel }));
		sockets[0].emit('chat:typing', { conversationId: channel });
		const at1 = nextEvent<ChatMessage>(sockets[1], 'chat:message-created');
		unwrap(await send(sockets[0], channel, 'après votre départ'));
		await at1;
		await new Promise((r) => setTimeout(r, 200));
		expect(leaked).toBe(false);
		expect(await send(sockets[2], channel, 'encore là ?')).toMatchObject({
			error: { code: 'NOT_FOUND' }
		});
		await expect(
			(await app.caller(owners[2])).chat.history({ conversationId: channel })
		).rejects.toMatchObject({ code: 'NOT_FOUND' });
	});
});
