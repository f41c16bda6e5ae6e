'use strict';
/**
 * The hand-built alternative: what a user wires up with HTTP Request nodes (list the IDs, then
 * one request per number), made here with plain fetch so its calls hit the same sandbox counter.
 */
function graphClient({ baseUrl, version = 'v24.0', accessToken }) {
	const root = `${baseUrl.replace(/\/+$/, '')}/${version}`;

	async function call(method, path, qs = {}) {
		const url = new URL(`${root}${path}`);
		for (const [key, value] of Object.entries(qs)) url.searchParams.set(key, String(value));
		const response = await fetch(url, { method, headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } });
		const body = await response.json();
		if (!response.ok || body.error) {
			throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(body.error ?? body).slice(0, 300)}`);
		}
		return body;
	}

	/** Every item of a Graph list, page by page, following `paging.cursors.after` while `next` is given. */
	async function listAll(path, qs = {}) {
		const items = [];
		let after;
		for (;;) {
			const page = await call('GET', path, { ...qs, ...(after ? { after } : {}) });
			items.push(...page.data);
			if (!page.paging?.next) return items;
			after = page.paging.cursors.after;
		}
	}

	/** `task` for each value, `concurrency` at a time, results in order. */
	async function forEach(values, task, concurrency = 8) {
		const results = new Array(values.length);
		let next = 0;
		const worker = async () => {
			while (next < values.length) {
				const index = next++;
				results[index] = await task(values[index], index);
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, values.length) }, worker));
		return results;
	}

	return {
		get: (path, qs) => call('GET', path, qs),
		post: (path, qs) => call('POST', path, qs),
		listAll,
		forEach,
	};
}

module.exports = { graphClient };
