import type { RequestEvent } from '@sveltejs/kit';
import { fail } from '@sveltejs/kit';
import { callerFor } from '$lib/server/trpc/caller';
import { failFromError } from '$lib/server/forms';

type Caller = ReturnType<typeof callerFor>;
type Fields = Record<string, string>;

/**
 * The cluster page's form actions (they work without JavaScript). Each reads the form, calls one
 * procedure through the in-process caller (which checks authorization), and reports the outcome
 * as a message key the page shows.
 */
function action(run: (c: Caller, f: Fields, clusterId: string) => Promise<unknown>, done: string) {
	return async (event: RequestEvent) => {
		if (!event.locals.user) return fail(401, { message: 'error_sign_in_required' });
		const form = await event.request.formData();
		const f: Fields = Object.fromEntries(
			[...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : ''])
		);
		try {
			await run(callerFor(event), f, f.clusterId ?? '');
		} catch (err) {
			return failFromError(err, event.locals.locale);
		}
		return { done };
	};
}

const opt = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

export const clusterActions = {
	invite: action(
		(c, f, clusterId) =>
			c.clusters.invite({
				clusterId,
				organizationId: f.organizationId,
				targetOrgId: f.targetOrgId,
				message: opt(f.message)
			}),
		'cluster_done_invited'
	),
	requestToJoin: action(
		(c, f, clusterId) =>
			c.clusters.requestToJoin({
				clusterId,
				organizationId: f.organizationId,
				message: opt(f.message)
			}),
		'cluster_done_requested'
	),
	acceptInvitation: action(
		(c, f, clusterId) =>
			c.clusters.respondToInvitation({ clusterId, organizationId: f.organizationId, accept: true }),
		'cluster_done_joined'
	),
	declineInvitation: action(
		(c, f, clusterId) =>
			c.clusters.respondToInvitation({
				clusterId,
				organizationId: f.organizationId,
				accept: false
			}),
		'cluster_done_declined'
	),
	acceptRequest: action(
		(c, f, clusterId) =>
			c.clusters.decideRequest({
				clusterId,
				organizationId: f.organizationId,
				targetOrgId: f.targetOrgId,
				accept: true
			}),
		'cluster_done_accepted'
	),
	declineRequest: action(
		(c, f, clusterId) =>
			c.clusters.decideRequest({
				clusterId,
				organizationId: f.organizationId,
				targetOrgId: f.targetOrgId,
				accept: false
			}),
		'cluster_done_declined'
	),
	remove: action(
		(c, f, clusterId) =>
			c.clusters.remove({
				clusterId,
				organizationId: f.organizationId,
				targetOrgId: f.targetOrgId,
				message: opt(f.message)
			}),
		'cluster_done_removed'
	),
	transfer: action(
		(c, f, clusterId) =>
			c.clusters.transferCoordination({
				clusterId,
				organizationId: f.organizationId,
				targetOrgId: f.targetOrgId
			}),
		'cluster_done_transferred'
	),
	leave: action(
		(c, f, clusterId) => c.clusters.leave({ clusterId, organizationId: f.organizationId }),
		'cluster_done_left'
	),
	submit: action(
		(c, f, clusterId) => c.clusters.submit({ clusterId, organizationId: f.organizationId }),
		'cluster_done_submitted'
	),
	archive: action(
		(c, f, clusterId) =>
			c.clusters.archive({ clusterId, organizationId: f.organizationId, reason: opt(f.reason) }),
		'cluster_done_archived'
	),
	approve: action((c, _f, clusterId) => c.clusters.approve({ clusterId }), 'cluster_done_approved'),
	returnToForming: action(
		(c, f, clusterId) => c.clusters.returnToForming({ clusterId, reason: f.reason ?? '' }),
		'cluster_done_returned'
	)
};
