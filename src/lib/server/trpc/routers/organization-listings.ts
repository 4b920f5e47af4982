import { router, protectedProcedure } from '../init';
import * as listings from '$lib/server/organizations/listings.service';
import {
	createListingInput,
	updateListingInput,
	deleteListingInput,
	listListingsInput
} from '$lib/server/organizations/listings.schema';

/** Offers and needs of an organization: members read, owners and admins write. */
export const organizationListingsRouter = router({
	list: protectedProcedure
		.input(listListingsInput)
		.query(({ ctx, input }) =>
			listings.listOrgListings(ctx.deps, ctx.user.id, input.organizationId)
		),

	create: protectedProcedure
		.input(createListingInput)
		.mutation(({ ctx, input }) => listings.createListing(ctx.deps, ctx.user.id, input)),

	update: protectedProcedure.input(updateListingInput).mutation(async ({ ctx, input }) => {
		await listings.updateListing(ctx.deps, ctx.user.id, input);
		return { ok: true as const };
	}),

	delete: protectedProcedure.input(deleteListingInput).mutation(async ({ ctx, input }) => {
		await listings.deleteListing(ctx.deps, ctx.user.id, input);
		return { ok: true as const };
	})
});
