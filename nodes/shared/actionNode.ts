/**
 * The skeleton every action node is built on: the credential, the request defaults, the
 * operation list and subtitle from the operation modules, each field declared once, and
 * the timeout setting.
 */
import type { IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { GraphOperationOption } from './graphOperation';
import { TIMEOUT_PARAMETER } from './graphOperation';
import { DEFAULT_TIMEOUT_SECONDS, graphCredentials } from './transport';

/** What an operation module exports: its option and the fields it shows. */
export interface OperationModule {
	option: GraphOperationOption;
	properties: INodeProperties[];
}

export interface OperationList {
	operations: OperationModule[];
	default: string;
	description: string;
}

/**
 * Empty: the one sender sets the base URL, headers, timeout and answer handling of every
 * request, and n8n evaluates each request default for every item.
 */
const graphRequestDefaults: Partial<IHttpRequestOptions> = {};

const timeoutProperty: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: TIMEOUT_PARAMETER,
	type: 'number',
	isNodeSetting: true,
	default: DEFAULT_TIMEOUT_SECONDS,
	typeOptions: { minValue: 1 },
	description:
		'How long to wait for each Graph API answer. Reads are tried again after a timeout; a write is not, and the error says how to check whether it happened.',
};

/**
 * Every field once, shown for all operations that list it: n8n evaluates each declared
 * field's value for every item, so a field repeated per operation costs one evaluation each.
 * A field first listed by a later operation goes right after the field it follows there,
 * so every operation shows its fields in its own order.
 */
function operationFields(operations: OperationModule[]): INodeProperties[] {
	const ordered: INodeProperties[] = [];
	const shownFor = new Map<INodeProperties, string[]>();
	for (const operation of operations) {
		operation.properties.forEach((property, index) => {
			if (!shownFor.has(property)) {
				const previous = operation.properties[index - 1];
				// A field an operation lists first goes before the next of its fields already placed.
				const next = previous ? undefined : operation.properties.slice(1).find((later) => shownFor.has(later));
				const at = previous ? ordered.indexOf(previous) + 1 : next ? ordered.indexOf(next) : ordered.length;
				ordered.splice(at, 0, property);
			}
			shownFor.set(property, [...(shownFor.get(property) ?? []), operation.option.value]);
		});
	}
	return ordered.flatMap((property) => updateDisplayOptions({ show: { operation: shownFor.get(property) } }, [property]));
}

/** The operation's name in words rather than its internal value. */
export function operationSubtitle(operations: OperationModule[]): string {
	const names = Object.fromEntries(operations.map(({ option }) => [option.value, option.name]));
	return `={{ (${JSON.stringify(names)})[$parameter["operation"]] }}`;
}

/**
 * What every action node spreads into its description: the credential, the request
 * defaults, and its properties (the operation list, each field once, the timeout). One
 * spread, so none of them can be left out; every operation option carries its runner.
 */
export function graphApiNode({ operations, default: defaultOperation, description }: OperationList) {
	// Alphabetical by name, the order n8n lists operations in.
	const sorted = [...operations].sort((a, b) => a.option.name.localeCompare(b.option.name));
	const operation: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: defaultOperation,
		description,
		options: sorted.map(({ option }) => option),
	};
	return {
		credentials: graphCredentials,
		requestDefaults: graphRequestDefaults,
		properties: [operation, ...operationFields(operations), timeoutProperty],
	};
}
