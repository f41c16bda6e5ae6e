/**
 * Meta's `health_status` (messaging health of a phone number, WABA or business) read for
 * people: the overall verdict, every entity's errors in one list, and one line a chat
 * message can carry. Values Meta adds later pass through unchanged.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** One problem Meta reports on an entity. */
export interface HealthError {
	error_code?: number | string;
	error_description?: string;
	possible_solution?: string;
	[key: string]: unknown;
}

/** An entity involved in sending: PHONE_NUMBER, WABA, BUSINESS, APP, MESSAGE_TEMPLATE… */
export interface HealthEntity {
	entity_type?: string;
	id?: string;
	can_send_message?: string;
	errors?: HealthError[];
	additional_info?: unknown;
	[key: string]: unknown;
}

/** An entity's error with the entity it belongs to, for a flat list. */
export type EntityHealthError = HealthError & { entity_type: string | null; entity_id: string | null };

const ENTITY_LABELS: Record<string, string> = {
	PHONE_NUMBER: 'Phone number',
	WABA: 'WABA',
	BUSINESS: 'Business',
	APP: 'App',
	MESSAGE_TEMPLATE: 'Template',
};

const VERDICTS: Record<string, string> = {
	AVAILABLE: 'can send messages',
	LIMITED: 'can send messages, with limits',
	BLOCKED: 'cannot send messages',
};

function isObject(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function entitiesOf(healthStatus: IDataObject): HealthEntity[] {
	return Array.isArray(healthStatus.entities) ? (healthStatus.entities.filter(isObject) as HealthEntity[]) : [];
}

function entityName(entity: HealthEntity): string {
	const type = String(entity.entity_type ?? 'entity');
	return `${ENTITY_LABELS[type] ?? type} ${String(entity.id ?? '')}`.trim();
}

/** Every entity's errors in one list, each naming its entity. */
export function healthErrors(healthStatus: IDataObject): EntityHealthError[] {
	return entitiesOf(healthStatus).flatMap((entity) =>
		(Array.isArray(entity.errors) ? entity.errors.filter(isObject) : []).map((error) => ({
			entity_type: entity.entity_type ?? null,
			entity_id: entity.id === undefined ? null : String(entity.id),
			...(error as HealthError),
		})),
	);
}

function withoutFullStop(text: string): string {
	return text.trim().replace(/[.\s]+$/, '');
}

function describeError(entity: HealthEntity, error: HealthError): string {
	const code = error.error_code === undefined ? '' : ` (error ${String(error.error_code)})`;
	const description = withoutFullStop(String(error.error_description ?? 'Meta gave no description'));
	const solution = error.possible_solution ? ` Fix: ${withoutFullStop(String(error.possible_solution))}.` : '';
	return `${entityName(entity)}: ${description}${code}.${solution}`;
}

/** What is wrong, entity by entity: its errors, or its state when it is not AVAILABLE without a reason. */
function problems(healthStatus: IDataObject): string[] {
	return entitiesOf(healthStatus).flatMap((entity) => {
		const errors = Array.isArray(entity.errors) ? entity.errors.filter(isObject) : [];
		if (errors.length) return errors.map((error) => describeError(entity, error as HealthError));
		const state = entity.can_send_message;
		if (state === undefined || String(state).toUpperCase() === 'AVAILABLE') return [];
		return [`${entityName(entity)} is ${String(state)}, without a reason from Meta.`];
	});
}

/**
 * One line (no line breaks) for a chat message: `<subject> <verdict> (<STATE>)`, then each
 * entity's problem and Meta's suggested fix.
 */
export function healthSummary(healthStatus: unknown, subject: string): string {
	if (!isObject(healthStatus) || healthStatus.can_send_message === undefined) {
		return `${subject}: Meta returned no health status.`;
	}
	const state = String(healthStatus.can_send_message);
	const verdict = VERDICTS[state.toUpperCase()];
	const head = verdict
		? `${subject} ${verdict} (${state})`
		: `${subject}: Meta reports can_send_message "${state}", which this node does not know`;
	const found = problems(healthStatus);
	return `${head}${found.length ? `: ${found.join(' ')}` : '.'}`.replace(/\s+/g, ' ');
}

/** The name a summary uses for a Graph object: its phone number or name when Graph gave one, else its ID. */
export function healthSubject(kind: 'Phone number' | 'WABA' | 'Business', graphObject: IDataObject): string {
	const shown = graphObject.display_phone_number ?? graphObject.name;
	const id = graphObject.id === undefined ? '' : String(graphObject.id);
	return shown === undefined ? `${kind} ${id}`.trim() : `${kind} ${String(shown)}${id ? ` (${id})` : ''}`;
}

/**
 * A Graph object read for its health: Graph's fields as sent (`health_status` included), and
 * beside them `health_status` opened up (`can_send_message`, `entities`, anything Meta adds),
 * every error in `errors`, and the one-line `summary`.
 */
export function describeHealth(graphObject: IDataObject, kind: Parameters<typeof healthSubject>[0]): IDataObject {
	const healthStatus = graphObject.health_status;
	const health = isObject(healthStatus) ? healthStatus : {};
	return {
		...graphObject,
		can_send_message: health.can_send_message ?? null,
		entities: entitiesOf(health),
		...Object.fromEntries(Object.entries(health).filter(([key]) => key !== 'can_send_message' && key !== 'entities')),
		errors: healthErrors(health),
		summary: healthSummary(healthStatus, healthSubject(kind, graphObject)),
	};
}

/** `postReceive` for reads that may include `health_status`: adds `healthSummary` next to it. */
export function addingHealthSummary(kind: Parameters<typeof healthSubject>[0]) {
	return async function (items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return items.map((item) =>
			item.json.health_status === undefined
				? item
				: { ...item, json: { ...item.json, healthSummary: healthSummary(item.json.health_status, healthSubject(kind, item.json)) } },
		);
	};
}
