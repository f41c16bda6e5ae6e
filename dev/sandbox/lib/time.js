'use strict';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const UNIT_MS = { d: DAY_MS, h: HOUR_MS, m: 60_000, s: 1000 };

/** Graph's time format: `2023-04-14T22:12:31+0000`. */
function graphTime(date) {
	return new Date(date).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/**
 * Reads a fixture time: an ISO string (Graph's `+0000` too), Unix seconds, or a time
 * relative to the sandbox's start such as `now`, `now-50d`, `now+3h`, `now-1d12h`.
 */
function parseTime(value, now) {
	if (value === undefined || value === null || value === '') return undefined;
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'number') return value * 1000;
	const text = String(value).trim();
	const relative = /^now((?:\s*[+-]\s*\d+(?:\.\d+)?\s*[dhms])*)$/i.exec(text);
	if (relative) {
		let ms = now;
		for (const [, sign, amount, unit] of relative[1].matchAll(/([+-])\s*(\d+(?:\.\d+)?)\s*([dhms])/gi)) {
			ms += (sign === '-' ? -1 : 1) * Number(amount) * UNIT_MS[unit.toLowerCase()];
		}
		return ms;
	}
	if (/^\d{9,11}$/.test(text)) return Number(text) * 1000;
	const parsed = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
	if (Number.isNaN(parsed)) throw new Error(`Unreadable time in fixture: ${text}`);
	return parsed;
}

module.exports = { DAY_MS, HOUR_MS, graphTime, parseTime };
