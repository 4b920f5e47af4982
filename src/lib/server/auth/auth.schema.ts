import { z } from 'zod';
import { LOCALES } from '$lib/i18n/locales';
import { PASSWORD_MAX, PASSWORD_MIN } from './password';

// Custom errors are message keys; the edge translates them into the user's language.
export const emailSchema = z
	.string({ error: 'field_email_invalid' })
	.trim()
	.toLowerCase()
	.max(254, { error: 'field_email_invalid' })
	.pipe(z.email({ error: 'field_email_invalid' }));

export const passwordSchema = z
	.string({ error: 'field_password_length' })
	.min(PASSWORD_MIN, { error: 'field_password_length' })
	.max(PASSWORD_MAX, { error: 'field_password_length' });

export const displayNameSchema = z
	.string({ error: 'field_display_name_invalid' })
	.trim()
	.min(1, { error: 'field_display_name_invalid' })
	.max(80, { error: 'field_display_name_invalid' });

export const localeSchema = z.enum(LOCALES, { error: 'field_locale_invalid' });

export const signUpInput = z.object({
	email: emailSchema,
	password: passwordSchema,
	displayName: displayNameSchema,
	locale: localeSchema
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
	email: emailSchema,
	// Length is not checked at sign-in beyond a sane cap: an old password must still let its owner in.
	password: z
		.string({ error: 'field_required' })
		.min(1, { error: 'field_required' })
		.max(PASSWORD_MAX * 4)
});
export type SignInInput = z.infer<typeof signInInput>;

export const requestResetInput = z.object({ email: emailSchema });

export const resetPasswordInput = z.object({
	token: z.string().min(20).max(200),
	password: passwordSchema
});
