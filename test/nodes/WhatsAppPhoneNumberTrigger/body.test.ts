import {
	bodyProblem,
	changesOf,
	MAX_BODY_BYTES,
	MAX_NESTING,
	readEnvelope,
} from '../../../nodes/WhatsAppPhoneNumberTrigger/events';
import { customerKey } from '../../../nodes/WhatsAppPhoneNumberTrigger/memory';
import {
	accountViolation,
	capabilityUpdate,
	CUSTOMER_WA_ID,
	emit,
	envelope,
	legacyIdentityChanged,
	messageWithContactHash,
	nameRejected,
	newMemory,
	PHONE_NUMBER_ID,
	pinChanged,
	qualityFlagged,
	sendRefused,
	settingsWith,
	statusWithRecipientHash,
	WABA_ID,
	storedWith,
} from './fixtures';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Valid JSON nested `depth` levels deep, objects and arrays in turn. */
function nested(depth: number, inner = '1'): string {
	let text = inner;
	for (let level = depth; level > 0; level--) text = level % 2 ? `{"k":${text}}` : `[${text}]`;
	return text;
}

/** How deep a parsed JSON value nests (objects and arrays). */
function depthOf(value: unknown): number {
	if (typeof value !== 'object' || value === null) return 0;
	const children = Array.isArray(value) ? value : Object.values(value);
	return 1 + children.reduce((deepest: number, child) => Math.max(deepest, depthOf(child)), 0);
}

describe('bodyProblem: nesting', () => {
	it(`has the documented limits (${MAX_NESTING} levels, 3 MiB)`, () => {
		expect(MAX_NESTING).toBe(32);
		expect(MAX_BODY_BYTES).toBe(3 * 1024 * 1024);
	});

	it('a body nested 5,000 levels deep (20 KB) is refused with a reason, without throwing', () => {
		const body = bytes(`${'{"a":['.repeat(2500)}1${']}'.repeat(2500)}`);
		expect(body.length).toBeLessThanOrEqual(20_001);
		let problem: string | undefined;
		expect(() => (problem = bodyProblem(body))).not.toThrow();
		expect(problem).toMatch(/nests more than 32 levels deep/);
	});

	it('a body nested a million levels deep is refused without overflowing the stack', () => {
		const body = bytes(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`);
		expect(bodyProblem(body)).toMatch(/nests more than 32 levels/);
	});

	it('32 levels are accepted, 33 are not', () => {
		expect(depthOf(JSON.parse(nested(32)))).toBe(32);
		expect(bodyProblem(bytes(nested(32)))).toBeUndefined();
		expect(bodyProblem(bytes(nested(33)))).toMatch(/nests more than 32 levels/);
		expect(bodyProblem(bytes(`${'['.repeat(32)}${']'.repeat(32)}`))).toBeUndefined();
		expect(bodyProblem(bytes(`${'{"a":'.repeat(33)}1${'}'.repeat(33)}`))).toMatch(/nests/);
	});

	it('depth, not the number of brackets, counts', () => {
		const siblings = `[${Array.from({ length: 10_000 }, () => nested(30)).join(',')}]`;
		expect(bodyProblem(bytes(siblings))).toBeUndefined();
	});

	it('every Meta-shaped payload passes', () => {
		for (const value of [capabilityUpdate, qualityFlagged, nameRejected, accountViolation, pinChanged, legacyIdentityChanged, sendRefused]) {
			expect(bodyProblem(bytes(JSON.stringify(envelope('messages', value))))).toBeUndefined();
		}
		expect(bodyProblem(bytes(JSON.stringify(envelope('messages', messageWithContactHash('h')), null, 2)))).toBeUndefined();
	});

	it('brackets inside strings are ignored', () => {
		const text = JSON.stringify({ a: `${'['.repeat(100)}${'{'.repeat(100)}`, b: JSON.parse(nested(31)) });
		expect(depthOf(JSON.parse(text))).toBe(32);
		expect(bodyProblem(bytes(text))).toBeUndefined();
	});

	it('closing brackets inside strings do not lower the depth', () => {
		const text = `{"a":"${']}'.repeat(50)}","b":${nested(32)}}`;
		expect(depthOf(JSON.parse(text))).toBe(33);
		expect(bodyProblem(bytes(text))).toMatch(/nests/);
	});

	it('escaped quotes do not end a string', () => {
		const text = JSON.stringify({ a: `"${'['.repeat(100)}"`, b: `\\"${'{'.repeat(100)}` });
		expect(text).toContain('\\"[[[');
		expect(bodyProblem(bytes(text))).toBeUndefined();
	});

	it('an escaped backslash before a quote ends the string', () => {
		const text = `{"a":"\\\\","b":${nested(32)}}`;
		expect(JSON.parse(text).a).toBe('\\');
		expect(depthOf(JSON.parse(text))).toBe(33);
		expect(bodyProblem(bytes(text))).toMatch(/nests/);
		expect(bodyProblem(bytes(`{"a":"\\\\","b":${nested(31)}}`))).toBeUndefined();
	});

	it('multi-byte characters in strings are read as text', () => {
		const text = JSON.stringify({ name: 'Zoë 👋 [', nested: JSON.parse(nested(31)) });
		expect(bodyProblem(bytes(text))).toBeUndefined();
	});
});

describe('bodyProblem: size', () => {
	it('a body over 3 MiB is refused with a reason', () => {
		expect(bodyProblem(Buffer.alloc(MAX_BODY_BYTES + 1, 0x20))).toMatch(new RegExp(`is ${MAX_BODY_BYTES + 1} bytes, more than ${MAX_BODY_BYTES}`));
	});

	it('a body of exactly 3 MiB is accepted', () => {
		expect(bodyProblem(Buffer.alloc(MAX_BODY_BYTES, 0x20))).toBeUndefined();
	});
});

describe('hostile and damaged bodies', () => {
	/** A small deterministic PRNG (mulberry32), so a failure names a reproducible sample. */
	function random(seed: number) {
		let state = seed >>> 0;
		return () => {
			state = (state + 0x6d2b79f5) >>> 0;
			let t = state;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}

	const bases = [
		envelope('messages', messageWithContactHash('hash-A')),
		envelope('messages', statusWithRecipientHash('hash-B')),
		envelope('messages', legacyIdentityChanged),
		envelope('messages', sendRefused),
		envelope('phone_number_quality_update', qualityFlagged),
		envelope('account_update', accountViolation),
		envelope('business_capability_update', capabilityUpdate),
	].map((payload) => JSON.stringify(payload));

	const oddValues: unknown[] = [
		null,
		true,
		0,
		-1,
		1e308,
		'',
		'x'.repeat(5000),
		[],
		{},
		[[[[]]]],
		JSON.parse(nested(40)),
		{ __proto__: null },
		JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
	];

	/** Replaces one value somewhere in the tree with an odd one. */
	function mutateTree(value: unknown, next: () => number): unknown {
		if (typeof value !== 'object' || value === null) return oddValues[Math.floor(next() * oddValues.length)];
		const keys = Object.keys(value);
		if (!keys.length || next() < 0.15) return oddValues[Math.floor(next() * oddValues.length)];
		const key = keys[Math.floor(next() * keys.length)];
		const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
		copy[key] = mutateTree(copy[key], next);
		return copy;
	}

	/** Damages the text: replaces, inserts or deletes bytes, or cuts it short. */
	function mutateText(text: string, next: () => number): string {
		const alphabet = ['[', ']', '{', '}', '"', '\\', ':', ',', '0', 'a', ' ', '\u00e9'];
		let out = text;
		const edits = 1 + Math.floor(next() * 4);
		for (let edit = 0; edit < edits; edit++) {
			const at = Math.floor(next() * out.length);
			const char = alphabet[Math.floor(next() * alphabet.length)];
			const kind = next();
			if (kind < 0.4) out = out.slice(0, at) + char + out.slice(at + 1);
			else if (kind < 0.7) out = out.slice(0, at) + char + out.slice(at);
			else if (kind < 0.9) out = out.slice(0, at) + out.slice(at + 1);
			else out = out.slice(0, at);
		}
		return out;
	}

	/** What `receiveDelivery` does with a signed body, up to the items. */
	function handle(body: Buffer, parsedByN8n: unknown) {
		const problem = bodyProblem(body);
		if (problem !== undefined) return { problem };
		const payload = readEnvelope(body, parsedByN8n);
		if (!payload) return { problem };
		return { problem, events: emit(payload, settingsWith(), newMemory()) };
	}

	it('200 mutated valid payloads never throw, and only too-deep ones are refused', () => {
		const next = random(20260101);
		const outcomes = { refused: 0, unreadable: 0, handled: 0 };
		for (let sample = 0; sample < 200; sample++) {
			const base = bases[sample % bases.length];
			const text =
				sample % 2 ? mutateText(base, next) : JSON.stringify(mutateTree(JSON.parse(base), next));
			const body = bytes(text);
			let parsed: unknown;
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = undefined;
			}
			let outcome: ReturnType<typeof handle> | undefined;
			expect(() => (outcome = handle(body, parsed))).not.toThrow();
			expect(() => handle(body, undefined)).not.toThrow();
			if (parsed !== undefined) {
				// For JSON that parses, the scan agrees with the real depth.
				expect({ sample, refused: outcome?.problem !== undefined }).toEqual({ sample, refused: depthOf(parsed) > MAX_NESTING });
			}
			if (outcome?.problem !== undefined) outcomes.refused += 1;
			else if (outcome?.events === undefined) outcomes.unreadable += 1;
			else outcomes.handled += 1;
		}
		// The sample exercises every path.
		expect(outcomes.refused).toBeGreaterThan(0);
		expect(outcomes.unreadable).toBeGreaterThan(0);
		expect(outcomes.handled).toBeGreaterThan(0);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('an error code that is an object with non-callable valueOf and toString does not throw', () => {
		const text = JSON.stringify(
			envelope('messages', {
				...sendRefused,
				statuses: [{ ...sendRefused.statuses[0], errors: [{ code: { valueOf: 1, toString: 1 } }] }],
			}),
		);
		expect(() => handle(bytes(text), JSON.parse(text))).not.toThrow();
	});
});

describe('changesOf with __proto__ and constructor keys', () => {
	const hostile = JSON.stringify({
		object: 'whatsapp_business_account',
		entry: [
			{
				id: WABA_ID,
				time: 1739321024,
				changes: [
					{
						field: 'messages',
						value: '__VALUE__',
					},
				],
			},
		],
	}).replace(
		'"__VALUE__"',
		`{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"messaging_product":"whatsapp",` +
			`"metadata":{"display_phone_number":"15550783881","phone_number_id":"${PHONE_NUMBER_ID}"},` +
			`"contacts":[{"__proto__":{"isAdmin":true},"wa_id":"${CUSTOMER_WA_ID}","identity_key_hash":"hash-B"}]}`,
	);

	afterEach(() => {
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
		expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
	});

	it('the same bytes give the same change ID, whoever parsed them', () => {
		const first = changesOf(readEnvelope(bytes(hostile), undefined)!)[0].changeId;
		const second = changesOf(readEnvelope(bytes(hostile), undefined)!)[0].changeId;
		const parsedByN8n = changesOf(readEnvelope(bytes(hostile), JSON.parse(hostile))!)[0].changeId;
		expect(first).toMatch(/^[A-Za-z0-9_-]{16}$/);
		expect(second).toBe(first);
		expect(parsedByN8n).toBe(first);
	});

	it('the keys are part of the change, so the ID differs from the body without them', () => {
		const clean = hostile.replace('"__proto__":{"polluted":"yes"},', '');
		expect(changesOf(readEnvelope(bytes(clean), undefined)!)[0].changeId).not.toBe(
			changesOf(readEnvelope(bytes(hostile), undefined)!)[0].changeId,
		);
	});

	it('items built from it, "seen" and "changed" alike, are plain objects and pollute nothing', () => {
		const memory = newMemory(storedWith({ customers: { [customerKey(PHONE_NUMBER_ID, CUSTOMER_WA_ID)]: ['hash-A', 1] } }));
		const payload = readEnvelope(bytes(hostile), undefined)!;
		const events = emit(payload, settingsWith(), memory);
		expect(events.map((event) => event.event)).toEqual(['identity_key_hash_seen', 'identity_key_hash_changed']);
		for (const event of events) {
			expect(Object.getPrototypeOf(event.value)).toBe(Object.prototype);
			expect((event.value as Record<string, unknown>).polluted).toBeUndefined();
			expect(((event.value.contacts as object[])[0] as Record<string, unknown>).isAdmin).toBeUndefined();
		}
		// A redelivery of the same bytes is a duplicate.
		expect(emit(readEnvelope(bytes(hostile), undefined)!, settingsWith(), memory)).toEqual([]);
	});
});
