/** The largest page Graph's list edges return in one call. */
export const GRAPH_MAX_PAGE_SIZE = 100;

/** Graph's list envelope: `{data: [...], paging: {cursors: {before, after}, next}}`. */
export interface GraphPage<T = unknown> {
	data: T[];
	paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
}

export function isGraphPage(body: unknown): body is GraphPage {
	return !!body && typeof body === 'object' && Array.isArray((body as GraphPage).data);
}

/**
 * The `after` cursor of the next page, or undefined on the last page. Graph marks a
 * further page with `paging.next`; the cursor is `paging.cursors.after`, or else the
 * `after` parameter of that URL.
 */
export function nextPageCursor(page: GraphPage): string | undefined {
	const next = page.paging?.next;
	if (!next) return undefined;
	if (page.paging?.cursors?.after) return page.paging.cursors.after;
	try {
		return new URL(next).searchParams.get('after') ?? undefined;
	} catch {
		return undefined;
	}
}

export type FetchPage<T> = (after: string | undefined, pageSize: number) => Promise<{ items: T[]; after?: string }>;

/**
 * Follows cursors until the list ends or `maxResults` items are collected, asking each
 * page for no more than is still missing, so a limit costs no extra call.
 */
export async function collectPages<T>(
	fetchPage: FetchPage<T>,
	{ maxResults, pageSize = GRAPH_MAX_PAGE_SIZE }: { maxResults?: number; pageSize?: number } = {},
): Promise<T[]> {
	const collected: T[] = [];
	let after: string | undefined;
	do {
		const missing = maxResults === undefined ? pageSize : maxResults - collected.length;
		if (missing <= 0) break;
		const page = await fetchPage(after, Math.min(pageSize, missing));
		collected.push(...page.items);
		after = page.after;
	} while (after);
	return maxResults === undefined ? collected : collected.slice(0, maxResults);
}

/**
 * Runs `work` on each input, at most `concurrency` at a time, and returns the results in
 * input order. After `shouldStop` turns true, no further input is started.
 */
export async function mapConcurrently<T, R>(
	inputs: readonly T[],
	concurrency: number,
	work: (input: T, index: number) => Promise<R>,
	shouldStop: () => boolean = () => false,
): Promise<Array<R | undefined>> {
	const results: Array<R | undefined> = new Array(inputs.length).fill(undefined);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length && !shouldStop()) {
			const index = next++;
			results[index] = await work(inputs[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, inputs.length)) }, worker));
	return results;
}
