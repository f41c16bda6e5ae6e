import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DELIVERED_CHANGES_LIMIT } from './memory';

/**
 * The final word on "has this change already run?", taken when an execution starts.
 *
 * Two webhook processes (queue mode), or a process that saved its memory a moment after
 * another read it, can each let the same change through. Every such execution ends up in
 * one process (the worker, or the single main process), where n8n's deduplication store
 * is available. Its check-and-record reads the stored list and writes it back whole, so
 * calls are serialised per process; the record is then checked again, and an entry that
 * another writer overwrote is written again.
 */
const DEDUPLICATION = { mode: 'entries', maxEntries: DELIVERED_CHANGES_LIMIT } as const;

const queues = new Map<string, Promise<unknown>>();

async function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
	const previous = queues.get(key) ?? Promise.resolve();
	const result = previous.then(work, work);
	const settled = result.then(
		() => undefined,
		() => undefined,
	);
	queues.set(key, settled);
	try {
		return await result;
	} finally {
		if (queues.get(key) === settled) queues.delete(key);
	}
}

/** Records the changes and keeps the items of those not recorded before. */
export async function claimChanges(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const changeIds = [...new Set(items.map((item) => item.json.changeId).filter((id): id is string => typeof id === 'string'))];
	if (!changeIds.length) return items;
	const key = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	const fresh = await inTurn(key, async () => {
		const recorded = await recordOnce(context, changeIds);
		// A concurrent writer in another process may have overwritten the list in between.
		await recordOnce(context, changeIds);
		return recorded;
	});
	return items.filter((item) => typeof item.json.changeId !== 'string' || fresh.has(item.json.changeId));
}

async function recordOnce(context: IExecuteFunctions, changeIds: string[]): Promise<Set<string>> {
	try {
		return new Set((await context.helpers.checkProcessedAndRecord(changeIds, 'node', DEDUPLICATION)).new.map(String));
	} catch (error) {
		// Two first writers race on the row's unique key; the second try updates the row.
		context.logger.debug('WhatsApp Phone Number Trigger retries recording changes', { error: (error as Error).message });
		return new Set((await context.helpers.checkProcessedAndRecord(changeIds, 'node', DEDUPLICATION)).new.map(String));
	}
}
