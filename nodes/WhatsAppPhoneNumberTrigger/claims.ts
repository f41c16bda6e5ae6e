import { randomUUID } from 'crypto';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { DELIVERED_CHANGES_LIMIT } from './memory';

/**
 * The final word on "has this change already run?", taken when an execution starts.
 *
 * Two webhook processes, or a delivery redelivered before its memory was saved, can each
 * start an execution for the same change, and with several queue-mode workers those
 * executions run in different processes. n8n's deduplication store is the one place they
 * share, but its check-and-record reads the stored list and writes it back whole, without
 * a lock: two workers that overlap can each find a change new, and one can overwrite the
 * other's entries.
 *
 * So a claim is taken in two steps (Fischer's timed mutual exclusion over one register):
 * record the change together with a token of this claim, wait longer than one
 * read-and-write of the store takes, then look again. A write that read the store before
 * ours has landed by then; every later write read ours and keeps it. The claim holds when
 * its token is still there; the change present without the token means another claim
 * holds it; the change gone means an overlapping write erased ours, and it is recorded
 * again. Within one process, claims queue and are recorded together in one batch.
 */
const DEDUPLICATION = { mode: 'entries', maxEntries: 4 * DELIVERED_CHANGES_LIMIT } as const;
/** Longer than one read-and-write of the store takes (milliseconds on PostgreSQL or SQLite). */
export const CLAIM_SETTLE_MS = 1000;
const CLAIM_ATTEMPTS = 5;
/** Changes recorded in one batch: with their tokens, half the store's entries at most. */
const CLAIMS_PER_BATCH = DELIVERED_CHANGES_LIMIT;

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

async function record(context: IExecuteFunctions, values: string[]) {
	try {
		return await context.helpers.checkProcessedAndRecord(values, 'node', DEDUPLICATION);
	} catch (error) {
		// Two first writers race on the row's unique key; the second try updates the row.
		context.logger.debug('WhatsApp Phone Number Trigger retries recording changes', { error: (error as Error).message });
		return await context.helpers.checkProcessedAndRecord(values, 'node', DEDUPLICATION);
	}
}

/** The changes of `changeIds` this claim holds, once no other claim can hold them. */
async function claimBatch(context: IExecuteFunctions, changeIds: string[]): Promise<Set<string>> {
	const token = randomUUID();
	const tokenOf = (id: string) => `${id}@${token}`;
	const held = new Set<string>();
	const taken = new Set((await record(context, [...changeIds, ...changeIds.map(tokenOf)])).processed.map(String));
	let open = changeIds.filter((id) => !taken.has(id));
	// Looking again is a record too (the store has no read alone): a change an overlapping
	// write erased is recorded again with the same token, and looked at once more.
	for (let attempt = 0; attempt < CLAIM_ATTEMPTS && open.length; attempt++) {
		await sleep(CLAIM_SETTLE_MS);
		const present = new Set((await record(context, [...open, ...open.map(tokenOf)])).processed.map(String));
		for (const id of open) if (present.has(tokenOf(id))) held.add(id);
		open = open.filter((id) => !present.has(id));
	}
	if (open.length) {
		throw new NodeOperationError(context.getNode(), `Could not record ${open.length} changes as run: other executions kept overwriting the record`, {
			description: 'Retry this execution from the executions list; a retry runs its changes.',
		});
	}
	return held;
}

async function drain(context: IExecuteFunctions, key: string, queue: ClaimQueue): Promise<void> {
	queue.running = true;
	try {
		while (queue.waiting.length) {
			let changes = 0;
			let size = 0;
			while (size < queue.waiting.length && (size === 0 || changes + queue.waiting[size].changeIds.length <= CLAIMS_PER_BATCH)) {
				changes += queue.waiting[size].changeIds.length;
				size += 1;
			}
			const batch = queue.waiting.splice(0, size);
			try {
				const fresh = await claimBatch(context, [...new Set(batch.flatMap((claim) => claim.changeIds))]);
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

/** Records the changes and keeps the items of those no other execution ran. */
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
