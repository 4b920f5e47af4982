/**
 * Messages the user wrote that the server has not acknowledged yet, kept in localStorage so a
 * reload or a closed tab does not lose them. Each keeps its client id: sending it again later is
 * safe (the server returns the first copy).
 */
export interface OutboxEntry {
	clientId: string;
	conversationId: string;
	body: string;
	createdAt: string;
	status: 'pending' | 'failed';
	error?: string;
}

const key = (userId: string) => `tashbik.chat.outbox.${userId}`;

export function loadOutbox(userId: string): OutboxEntry[] {
	try {
		const raw = localStorage.getItem(key(userId));
		const list = raw ? (JSON.parse(raw) as OutboxEntry[]) : [];
		return Array.isArray(list) ? list.filter((e) => e && e.clientId && e.conversationId) : [];
	} catch {
		return [];
	}
}

export function saveOutbox(userId: string, entries: OutboxEntry[]) {
	try {
		if (entries.length) localStorage.setItem(key(userId), JSON.stringify(entries));
		else localStorage.removeItem(key(userId));
	} catch {
		// Private mode or a full quota: the messages still wait in memory.
	}
}
