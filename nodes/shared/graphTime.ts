const DAY_MS = 86_400_000;

/**
 * Reads a Graph time: ISO with a `+0000` offset (`2023-04-14T22:12:31+0000`), any ISO
 * string, or Unix seconds (number or digit string). Undefined when absent or unreadable.
 */
export function parseGraphTime(value: unknown): Date | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,11}$/.test(value.trim()))) {
		const date = new Date(Number(value) * 1000);
		return Number.isNaN(date.getTime()) ? undefined : date;
	}
	if (typeof value !== 'string') return undefined;
	// `+0000` (no colon) is what Graph sends; Date.parse wants `+00:00`.
	const normalised = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	const date = new Date(normalised);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

export function addDays(date: Date, days: number): Date {
	return new Date(date.getTime() + days * DAY_MS);
}

/** Whole days from `now` until `date`, rounded down; negative once `date` has passed. */
export function daysUntil(date: Date, now: Date): number {
	return Math.floor((date.getTime() - now.getTime()) / DAY_MS);
}

/** The calendar day of a time, `2026-03-15`, for sentences. */
export function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** Whole days as words: `today`, `in 3 days`, `2 days ago`. */
export function inDays(days: number): string {
	if (days === 0) return 'today';
	if (days === 1) return 'in 1 day';
	if (days > 1) return `in ${days} days`;
	return days === -1 ? '1 day ago' : `${-days} days ago`;
}
