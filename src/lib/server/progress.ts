/**
 * Progress for long work (seeding, reindexing, migrations, benchmarks): a bar on a terminal,
 * one line every ~10% otherwise (CI logs, piped output).
 */
export interface Progress {
	tick(n?: number): void;
	done(): void;
}

export function progressBar(
	label: string,
	total: number,
	stream: NodeJS.WriteStream = process.stderr
): Progress {
	let current = 0;
	let lastDecile = -1;
	const started = Date.now();
	const render = (final = false) => {
		const ratio = total > 0 ? Math.min(1, current / total) : 1;
		if (stream.isTTY) {
			const width = 30;
			const filled = Math.round(ratio * width);
			stream.write(
				`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${current}/${total}${final ? '\n' : ''}`
			);
		} else {
			const decile = Math.floor(ratio * 10);
			if (decile !== lastDecile || final) {
				lastDecile = decile;
				stream.write(`${label}: ${current}/${total} (${Math.round(ratio * 100)}%)\n`);
			}
		}
	};
	let lastRender = 0;
	return {
		tick(n = 1) {
			current += n;
			const now = Date.now();
			if (now - lastRender > 100 || current >= total) {
				lastRender = now;
				render();
			}
		},
		done() {
			current = Math.max(current, total);
			if (stream.isTTY || lastDecile !== 10) render(true);
			if (!stream.isTTY)
				stream.write(`${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
		}
	};
}

export const silentProgress = (): Progress => ({ tick() {}, done() {} });
