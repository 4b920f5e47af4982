import { tick } from 'svelte';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance` for the organization forms: reports when a request is in flight (the button
 * says so on a slow connection), keeps what was typed, and after a refusal moves focus to the
 * message so that a screen reader reads it and the field errors are next.
 */
export function enhanceForm(
	setBusy: (busy: boolean) => void,
	{ resetOnSuccess = false } = {}
): SubmitFunction {
	return () => {
		setBusy(true);
		return async ({ update, result }) => {
			await update({ reset: resetOnSuccess });
			setBusy(false);
			if (result.type === 'failure') {
				await tick();
				document.querySelector<HTMLElement>('[data-form-alert]')?.focus();
			}
		};
	};
}
