/**
 * The trigger's memory in the process layouts n8n runs (see test/harness/webhook.ts): one
 * process (regular mode), or queue mode with two webhook processes and a worker that runs
 * executions on empty static data. Sequences and bursts are the ones real traffic sends.
 */
import nock from 'nock';
import { resetSafeRegexEngine, setSafeRegexEngine } from 'n8n-workflow';

import { isolateNetwork, testCredentials } from '../../harness/graphMock';
import { TriggerHarness } from '../../harness/webhook';
import { WABA_ID, envelope, messageWithContactHash, qualityFlagged, signedDelivery } from './fixtures';

isolateNetwork();

const TYPE = 'whatsAppPhoneNumberTrigger';
const parameters = {
	manageSubscription: false,
	eventGroups: ['status', 'identity'],
	identityEvents: ['identity_key_hash_changed'],
};
const BASE_TIME = 1739321024;

let harness: TriggerHarness;

async function start(executionMode: 'regular' | 'queue', processes = executionMode === 'queue' ? 2 : 1) {
	harness = await TriggerHarness.create({ type: TYPE, parameters: parameters as never, credentials: testCredentials, executionMode, processes });
	await harness.listen();
}

beforeEach(() => nock.enableNetConnect('127.0.0.1'));
afterEach(async () => await harness?.close());

/** A quality change; `n` makes it distinct (its own entry time and limit). */
const change = (n: number) =>
	signedDelivery(envelope('phone_number_quality_update', { ...qualityFlagged, max_daily_conversation_per_phone: n }, { time: BASE_TIME + n }));
const customer = (n: number) => `1650555${String(n).padStart(4, '0')}`;
const hashOf = (n: number, hash: string) =>
	signedDelivery(envelope('messages', messageWithContactHash(hash, customer(n)), { time: BASE_TIME + 100_000 + Math.floor(Math.random() * 1e6) }));

async function deliver(delivery: ReturnType<typeof signedDelivery>, process = 0) {
	const reply = await harness.request('POST', { ...delivery, process });
	expect(reply.status).toBe(200);
	return reply;
}

/** Executions whose trigger passed items on, i.e. the workflow's actions ran. */
const ran = () => harness.passedOn.length;
const changedEvents = () =>
	harness.passedOn.flat().filter((item) => item.json.event === 'identity_key_hash_changed').map((item) => item.json);

describe.each([
	['regular', 1],
	['queue', 2],
] as const)('%s mode, one delivery at a time', (mode, processes) => {
	it('an earlier change redelivered after later ones (A, B, C, then A and B) runs nothing again', async () => {
		await start(mode, processes);
		for (const [i, n] of [1, 2, 3].entries()) {
			await deliver(change(n), i % processes);
			await harness.settle();
		}
		expect(ran()).toBe(3);
		await deliver(change(1), 1 % processes);
		await deliver(change(2), 0);
		await harness.settle();
		expect(ran()).toBe(3);
		expect(harness.executions).toHaveLength(3);
	});

	it('H1, an unrelated execution, then H2 reports the change with the previous hash H1', async () => {
		await start(mode, processes);
		await deliver(hashOf(1, 'H1'), 0);
		await harness.settle();
		expect(harness.executions).toHaveLength(0);
		await deliver(change(7), 1 % processes);
		await harness.settle();
		await deliver(hashOf(1, 'H2'), 1 % processes);
		await harness.settle();
		expect(changedEvents()).toEqual([expect.objectContaining({ identityKeyHash: 'H2', previousIdentityKeyHash: 'H1', waId: customer(1) })]);
	});

	it('the memory survives restarts of every process', async () => {
		await start(mode, processes);
		await deliver(change(1), 0);
		await deliver(hashOf(2, 'H1'), 0);
		await harness.settle();
		for (let index = 0; index < processes; index++) harness.restartProcess(index);
		await deliver(change(1), 1 % processes);
		await deliver(hashOf(2, 'H2'), 1 % processes);
		await harness.settle();
		expect(ran()).toBe(2);
		expect(changedEvents()).toEqual([expect.objectContaining({ previousIdentityKeyHash: 'H1' })]);
	});

	it('a process killed after the execution was written, before its 200: the redelivery runs the change no second time', async () => {
		await start(mode, processes);
		harness.crashAfterExecutionWritten = true;
		await expect(harness.request('POST', { ...change(1), process: 0 })).rejects.toThrow();
		await harness.settle();
		expect(harness.executions).toHaveLength(1);
		// Meta sends it again (no 2xx); the memory was not saved, so an execution starts, and stops at the trigger.
		await deliver(change(1), 1 % processes);
		await harness.settle();
		expect(harness.executions).toHaveLength(2);
		expect(ran()).toBe(1);
		// Answered 200 this time: a further redelivery is collapsed by the memory.
		await deliver(change(1), 0);
		await harness.settle();
		expect(harness.executions).toHaveLength(2);
	});

	it("n8n's Retry of an execution runs its change although the change was recorded as run", async () => {
		await start(mode, processes);
		await deliver(change(1), 0);
		await harness.settle();
		expect(ran()).toBe(1);
		await harness.retry(0);
		expect(ran()).toBe(2);
		expect(harness.passedOn[1]).toEqual(harness.passedOn[0]);
	});

	it('an execution never writes the static data (a queue-mode worker would save its empty copy over it)', async () => {
		await start(mode, processes);
		await deliver(change(1), 0);
		await deliver(hashOf(2, 'H1'), 0);
		await harness.settle();
		expect(harness.staticDataSavesByExecutions).toBe(0);
		expect(JSON.stringify(harness.savedStaticData)).toContain(String(harness.executions[0][0].json.changeId));
	});
});

describe.each([
	['regular', 1],
	['queue', 2],
] as const)('%s mode, bursts', (mode, processes) => {
	it('100 distinct changes at once, then each redelivered at once: at most 1 runs again', async () => {
		await start(mode, processes);
		await Promise.all(Array.from({ length: 100 }, (_, n) => deliver(change(n), n % processes)));
		await harness.settle();
		expect(ran()).toBe(100);
		await Promise.all(Array.from({ length: 100 }, (_, n) => deliver(change(n), (n + 1) % processes)));
		await harness.settle();
		expect(ran() - 100).toBeLessThanOrEqual(1);
	});

	it("50 customers' first hashes at once, then each new hash at once: 50 changes reported, each once", async () => {
		await start(mode, processes);
		await Promise.all(Array.from({ length: 50 }, (_, n) => deliver(hashOf(n, `first-${n}`), n % processes)));
		await harness.settle();
		await Promise.all(Array.from({ length: 50 }, (_, n) => deliver(hashOf(n, `second-${n}`), (n + 1) % processes)));
		await harness.settle();
		// Two webhook processes save the static data whole; the last writer can drop another's
		// newest customers, and a change split that way is reported once each process has loaded
		// the other's copy (docs/trigger.md, "Running at scale"): traffic goes on, twice round.
		for (let n = 0; n < 2 * processes; n++) {
			await deliver(change(900 + n), n % processes);
			await harness.settle();
		}
		const changed = changedEvents();
		expect(changed).toHaveLength(50);
		expect(new Set(changed.map((event) => event.waId)).size).toBe(50);
		for (const event of changed) expect(event.previousIdentityKeyHash).toBe(String(event.identityKeyHash).replace('second', 'first'));
	});

	it('a change delivered twice at the same instant (one copy per process) runs exactly once', async () => {
		await start(mode, processes);
		for (let pair = 0; pair < 50; pair++) {
			await Promise.all([deliver(change(1000 + pair), 0), deliver(change(1000 + pair), 1 % processes)]);
		}
		await harness.settle();
		const perChange = new Map<unknown, number>();
		for (const items of harness.passedOn) perChange.set(items[0].json.changeId, (perChange.get(items[0].json.changeId) ?? 0) + 1);
		expect(perChange.size).toBe(50);
		expect([...perChange.values()].every((count) => count === 1)).toBe(true);
	});
});

describe('queue mode, a customer whose two hashes reach different webhook processes at the same moment', () => {
	/**
	 * Two processes that save at once: the last save keeps one process's first hashes only, so
	 * the other process compares a customer's new hash with nothing. The change is reported once
	 * either process next loads a copy holding the other half (its next delivery).
	 */
	it('is reported once, with the previous hash, at the next delivery of either process', async () => {
		await start('queue', 2);
		await Promise.all(Array.from({ length: 10 }, (_, n) => deliver(hashOf(n, `first-${n}`), n % 2)));
		await harness.settle();
		await Promise.all(Array.from({ length: 10 }, (_, n) => deliver(hashOf(n, `second-${n}`), (n + 1) % 2)));
		await harness.settle();
		const atOnce = changedEvents().length;
		await deliver(change(1), 0);
		await harness.settle();
		await deliver(change(2), 1);
		await harness.settle();
		await deliver(change(3), 0);
		await harness.settle();
		const changed = changedEvents();
		expect({ atOnce, after: changed.length }).toEqual({ atOnce: expect.any(Number), after: 10 });
		expect(new Set(changed.map((event) => event.waId)).size).toBe(10);
		for (const event of changed) expect(event.previousIdentityKeyHash).toBe(String(event.identityKeyHash).replace('second', 'first'));
		// Nothing more once each process has caught up.
		await deliver(change(4), 1);
		await harness.settle();
		expect(changedEvents()).toHaveLength(10);
	});
});

describe('bounds', () => {
	it('after 10,000 distinct changes, the static data and the deduplication store each hold at most 512 KiB', async () => {
		await start('queue');
		for (let batch = 0; batch < 100; batch++) {
			// One delivery of 100 changes (the most one delivery is read for).
			const payload = {
				object: 'whatsapp_business_account',
				entry: Array.from({ length: 100 }, (_, index) => ({
					id: '102290129340398',
					time: BASE_TIME + batch * 100 + index,
					changes: [{ field: 'phone_number_quality_update', value: { ...qualityFlagged, max_daily_conversation_per_phone: batch * 100 + index } }],
				})),
			};
			await deliver(signedDelivery(payload), batch % 2);
		}
		await harness.settle();
		expect(harness.passedOn.flat()).toHaveLength(10_000);
		expect(Buffer.byteLength(JSON.stringify(harness.savedStaticData))).toBeLessThanOrEqual(512 * 1024);
		expect(harness.deduplication.storedBytes()).toBeGreaterThan(0);
		expect(harness.deduplication.storedBytes()).toBeLessThanOrEqual(512 * 1024);
	}, 180_000);
});

describe('a process stalled when the execution starts', () => {
	afterEach(() => resetSafeRegexEngine());

	// n8n checks every node's resource-locator regexes when an execution starts, in a VM with a
	// 250 ms limit; a stalled process (a worker starting beside a burst, seen in the queue-mode
	// suite) times out there and fails the execution before the trigger runs.
	it("runs the change: the trigger's WABA and phone-number locators give n8n no regex to time out", async () => {
		harness = await TriggerHarness.create({
			type: TYPE,
			parameters: {
				...parameters,
				wabas: { waba: [{ wabaId: { __rl: true, mode: 'id', value: WABA_ID } }] },
			} as never,
			credentials: testCredentials,
			executionMode: 'queue',
			processes: 2,
		});
		await harness.listen();
		const timedOut = () => {
			throw new Error('Regular expression execution timed out');
		};
		setSafeRegexEngine({ exec: timedOut, test: timedOut, replace: timedOut, matchAll: timedOut, split: timedOut });
		await deliver(change(1), 0);
		await harness.settle();
		expect(harness.executions).toHaveLength(1);
		expect(harness.passedOn).toEqual([[expect.objectContaining({ json: expect.objectContaining({ field: 'phone_number_quality_update', wabaId: WABA_ID }) })]]);
	});
});
