import { collectPages, mapConcurrently, nextPageCursor } from '../../../nodes/shared/pagination';

describe('nextPageCursor', () => {
	it('follows cursors.after only when Graph says there is a next page', () => {
		expect(nextPageCursor({ data: [], paging: { cursors: { after: 'A1' }, next: 'https://graph/x?after=A1' } })).toBe('A1');
		expect(nextPageCursor({ data: [], paging: { cursors: { after: 'A1' } } })).toBeUndefined();
		expect(nextPageCursor({ data: [] })).toBeUndefined();
	});

	it('takes the after parameter from paging.next when there are no cursors', () => {
		expect(nextPageCursor({ data: [], paging: { next: 'https://graph.facebook.com/v24.0/1/phone_numbers?limit=100&after=QVFI' } })).toBe(
			'QVFI',
		);
	});
});

describe('collectPages', () => {
	function pagedSource(total: number) {
		const calls: Array<{ after?: string; pageSize: number }> = [];
		const fetchPage = async (after: string | undefined, pageSize: number) => {
			calls.push({ after, pageSize });
			const start = after ? Number(after) : 0;
			const items = Array.from({ length: Math.min(pageSize, total - start) }, (_, index) => start + index);
			const end = start + items.length;
			return { items, after: end < total ? String(end) : undefined };
		};
		return { calls, fetchPage };
	}

	it('returns every item of a 3-page list with exactly 3 calls', async () => {
		const { calls, fetchPage } = pagedSource(250);
		const items = await collectPages(fetchPage);
		expect(items).toHaveLength(250);
		expect(calls).toEqual([
			{ after: undefined, pageSize: 100 },
			{ after: '100', pageSize: 100 },
			{ after: '200', pageSize: 100 },
		]);
	});

	it('stops exactly at the limit and asks the last page only for what is missing', async () => {
		const { calls, fetchPage } = pagedSource(1000);
		const items = await collectPages(fetchPage, { maxResults: 150 });
		expect(items).toEqual(Array.from({ length: 150 }, (_, index) => index));
		expect(calls).toEqual([
			{ after: undefined, pageSize: 100 },
			{ after: '100', pageSize: 50 },
		]);
	});

	it('makes one call for a limit that fits one page, and trims an API that sends too many', async () => {
		const calls: number[] = [];
		const items = await collectPages(
			async (_after, pageSize) => {
				calls.push(pageSize);
				return { items: [1, 2, 3, 4, 5, 6, 7], after: 'more' };
			},
			{ maxResults: 5 },
		);
		expect(items).toEqual([1, 2, 3, 4, 5]);
		expect(calls).toEqual([5]);
	});
});

describe('mapConcurrently', () => {
	const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

	it('runs at most the given number at a time and returns results in input order', async () => {
		let open = 0;
		let mostOpen = 0;
		const results = await mapConcurrently([30, 5, 20, 1, 10, 2], 3, async (wait, index) => {
			mostOpen = Math.max(mostOpen, ++open);
			await new Promise((resolve) => setTimeout(resolve, wait));
			open--;
			return index * 10;
		});
		expect(results).toEqual([0, 10, 20, 30, 40, 50]);
		expect(mostOpen).toBe(3);
	});

	it('starts nothing new once asked to stop', async () => {
		const started: number[] = [];
		let stop = false;
		const results = await mapConcurrently(
			[1, 2, 3, 4],
			1,
			async (value) => {
				started.push(value);
				await tick();
				if (value === 2) stop = true;
				return value;
			},
			() => stop,
		);
		expect(started).toEqual([1, 2]);
		expect(results).toEqual([1, 2, undefined, undefined]);
	});
});
