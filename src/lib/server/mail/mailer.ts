import nodemailer from 'nodemailer';
import type { Logger } from '$lib/server/log';

export interface Mail {
	to: string;
	subject: string;
	text: string;
}

export interface Mailer {
	send(mail: Mail): Promise<void>;
	/** The last mails sent, newest last (kept in memory for the log-only mode and for tests). */
	readonly outbox: Mail[];
}

/**
 * With SMTP_URL, mail goes out through nodemailer; without it, each mail is written to the log
 * (so a developer can follow a reset link from the console) and kept in `outbox`.
 */
export function createMailer(opts: { smtpUrl?: string; from: string; log: Logger }): Mailer {
	const outbox: Mail[] = [];
	const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
	return {
		outbox,
		async send(mail) {
			outbox.push(mail);
			if (outbox.length > 100) outbox.shift();
			if (transport) {
				await transport.sendMail({ from: opts.from, ...mail });
				opts.log.info({ to: mail.to, subject: mail.subject }, 'mail sent');
			} else {
				opts.log.info({ mail }, 'mail (no SMTP_URL set, so written here instead of sent)');
			}
		}
	};
}
