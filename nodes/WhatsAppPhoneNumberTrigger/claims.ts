import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { DELIVERED_CHANGES_LIMIT } from './memory';

/**
 * The final word on "has this change already run?", taken when an execution starts.
 *
 * Two webhook processes (queue mode), or a process that saved its memory a moment after
 * another read it, can each let the same change through. Every such execution ends up in
 * one process (the worker, or the single main process), where n8n's deduplication store
 * is available. Its check-and-record reads the stored list and writes it back whole, so
 * this process never runs two at once: executions that start meanwhile wait and are
 * recorded together in the next call. The record is then made once more, which writes
 * again any entry another process overwrote in between.
 */
const DEDUPLICATION = { mode: 'entries', maxEntries: DELIVERED_CHANGES_LIMIT } as const;

interface Claim {
	changeIds: string[];
	granted: (fresh: Set<string>) => void;
	failed: (error: unknown) => void;
}

interface ClaimQueue {
	waiting: Claim[];
	running: boolean;
}

const queues = new Map<string, ClaimQueue>();

async function recordOnce(context: IExecuteFunctions, changeIds: string[]): Promise<Set<string>> {
	try {
		return new Set((await context.helpers.checkProcessedAndRecord(changeIds, 'node', DEDUPLICATION)).new.map(String));
	} catch (error) {
		// Two first writers race on the row's unique key; the second try updates the row.
		context.logger.debug('WhatsApp Phone Number Trigger retries recording changes', { error: (error as Error).message });
		return new Set((await context.helpers.checkProcessedAndRecord(changeIds, 'node', DEDUPLICATION)).new.map(String));
	}
}

async function drain(context: IExecuteFunctions, key: string, queue: ClaimQueue): Promise<void> {
	queue.running = true;
	try {
		while (queue.waiting.length) {
			const batch = queue.waiting.splice(0);
			try {
				const all = [...new Set(batch.flatMap((claim) => claim.changeIds))];
				const fresh = await recordOnce(context, all);
				await recordOnce(context, all);
				// Within a batch, a change goes to the first execution that asked for it.
				for (const claim of batch) {
					const mine = new Set(claim.changeIds.filter((id) => fresh.has(id)));
					for (const id of mine) fresh.delete(id);
					claim.granted(mine);
				}
			} catch (error) {
				for (const claim of batch) claim.failed(error);
			}
		}
	} finally {
		queue.running = false;
		queues.delete(key);
	}
}

/** Records the changes and keeps the items of those not recorded before. */
export async function claimChanges(context: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const changeIds = [...new Set(items.map((item) => item.json.changeId).filter((id): id is string => typeof id === 'string'))];
	if (!changeIds.length) return items;
	const key = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	let queue = queues.get(key);
	if (!queue) {
		queue = { waiting: [], running: false };
		queues.set(key, queue);
	}
	const fresh = await new Promise<Set<string>>((granted, failed) => {
		queue.waiting.push({ changeIds, granted, failed });
		if (!queue.running) void drain(context, key, queue);
	});
	return items.filter((item) => typeof item.json.changeId !== 'string' || fresh.has(item.json.changeId));
}
