/**
 * n8n's deduplication store (`helpers.checkProcessedAndRecord`) as n8n 2.41's
 * DeduplicationHelper implements it over the `processed_data` table: one row per workflow
 * and context holding md5 hashes of the recorded values; each call reads the row, works
 * on its copy, and writes the whole row back, with a wait for the database in between.
 * Two calls that overlap therefore lose one another's entries, as they do in n8n, and the
 * first insert of a row fails with a unique-key error when another call inserted it first.
 */
import { createHash } from 'node:crypto';

import { DataDeduplicationService } from 'n8n-core';
import type { IDataDeduplicator, Workflow } from 'n8n-workflow';

interface ContextData {
	workflow: Workflow;
	node?: { id: string };
}

interface EntriesOptions {
	mode: string;
	maxEntries?: number;
}

const databaseRoundTrip = async () => await new Promise<void>((resolve) => setImmediate(resolve));

export class InMemoryDeduplicator {
	readonly rows = new Map<string, string[]>();

	private key(scope: 'node' | 'workflow', contextData: ContextData): string {
		return `${contextData.workflow.id}|${scope === 'node' ? `n:${contextData.node?.id}` : ''}`;
	}

	async checkProcessedAndRecord(items: string[], scope: 'node' | 'workflow', contextData: ContextData, options: EntriesOptions) {
		if (options.mode !== 'entries') throw new Error('Only the "entries" mode is modelled');
		const key = this.key(scope, contextData);
		const stored = this.rows.get(key);
		const row = stored ? [...stored] : undefined;
		await databaseRoundTrip();
		const hashed = items.map((item) => createHash('md5').update(String(item)).digest('base64'));
		if (!row) {
			if (this.rows.has(key)) throw new Error('duplicate key value violates unique constraint "PK_processed_data"');
			const fresh = options.maxEntries ? hashed.slice(-options.maxEntries) : hashed;
			this.rows.set(key, fresh);
			return { new: items, processed: [] };
		}
		const known = new Set(row);
		const result = { new: [] as string[], processed: [] as string[] };
		hashed.forEach((hash, index) => {
			if (known.has(hash)) {
				result.processed.push(items[index]);
			} else {
				result.new.push(items[index]);
				row.push(hash);
			}
		});
		if (options.maxEntries) row.splice(0, Math.max(0, row.length - options.maxEntries));
		await databaseRoundTrip();
		this.rows.set(key, row);
		return result;
	}

	async checkProcessedItemsAndRecord(): Promise<never> {
		throw new Error('not modelled');
	}

	async removeProcessed(): Promise<never> {
		throw new Error('not modelled');
	}

	async clearAllProcessedItems(): Promise<void> {
		this.rows.clear();
	}

	async getProcessedDataCount(scope: 'node' | 'workflow', contextData: ContextData): Promise<number> {
		return this.rows.get(this.key(scope, contextData))?.length ?? 0;
	}

	/** Bytes of the rows as n8n stores them (JSON). */
	storedBytes(): number {
		let bytes = 0;
		for (const row of this.rows.values()) bytes += Buffer.byteLength(JSON.stringify({ mode: 'entries', data: row }));
		return bytes;
	}
}

let deduplicator: InMemoryDeduplicator | undefined;

/** The store n8n-core's helpers use in this test process (n8n initialises it once at start). */
export async function deduplicationStore(): Promise<InMemoryDeduplicator> {
	if (!deduplicator) {
		deduplicator = new InMemoryDeduplicator();
		await DataDeduplicationService.init(deduplicator as unknown as IDataDeduplicator);
	}
	return deduplicator;
}
