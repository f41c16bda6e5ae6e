'use strict';
/**
 * Which of a node's parameters the editor must show for given values, worked out from the node
 * description the server hands the editor (`/types/nodes.json`), with the same rules as n8n's
 * `displayParameter` for the conditions this package uses: `show`/`hide` on sibling values, on
 * `/<name>.mode` of a resource locator, and `@version`. A condition this evaluator does not know
 * makes the parameter "unknown": it is neither required nor forbidden.
 */

/** The value n8n starts a parameter with, as the editor sees it (first visible definition wins). */
function defaultValues(properties) {
	const values = {};
	for (const p of properties) {
		if (!(p.name in values)) values[p.name] = p.default;
	}
	return values;
}

function readPath(values, key) {
	const pathKey = key.startsWith('/') ? key.slice(1) : key;
	const [name, ...rest] = pathKey.split('.');
	let value = values[name];
	for (const part of rest) value = value && typeof value === 'object' ? value[part] : undefined;
	return value;
}

/** true / false, or undefined when a condition is of a kind this evaluator does not handle. */
function conditionHolds(actual, allowed, nodeVersion) {
	const actuals = Array.isArray(actual) ? actual : [actual];
	let unknown = false;
	for (const option of allowed) {
		if (option && typeof option === 'object') {
			if ('_cnd' in option) {
				const [op, operand] = Object.entries(option._cnd)[0];
				const a = actuals[0];
				if (op === 'eq' && a === operand) return true;
				if (op === 'not' && a !== operand) return true;
				if (op === 'gte' && a >= operand) return true;
				if (op === 'lte' && a <= operand) return true;
				if (op === 'gt' && a > operand) return true;
				if (op === 'lt' && a < operand) return true;
				if (op === 'exists' && a !== undefined && a !== null && a !== '') return true;
				if (!['eq', 'not', 'gte', 'lte', 'gt', 'lt', 'exists'].includes(op)) unknown = true;
				continue;
			}
			unknown = true;
			continue;
		}
		if (actuals.some((a) => a === option)) return true;
	}
	void nodeVersion;
	return unknown ? undefined : false;
}

/**
 * 'shown', 'hidden' or 'unknown' for one parameter definition under `values`.
 */
function visibility(property, values, nodeVersion = 1) {
	if (property.type === 'hidden') return 'hidden';
	const rules = property.displayOptions;
	if (!rules) return 'shown';
	let unknown = false;
	for (const [key, allowed] of Object.entries(rules.show || {})) {
		const actual = key === '@version' ? nodeVersion : readPath(values, key);
		const holds = conditionHolds(actual, allowed, nodeVersion);
		if (holds === false) return 'hidden';
		if (holds === undefined) unknown = true;
	}
	for (const [key, forbidden] of Object.entries(rules.hide || {})) {
		const actual = key === '@version' ? nodeVersion : readPath(values, key);
		const holds = conditionHolds(actual, forbidden, nodeVersion);
		if (holds === true) return 'hidden';
		if (holds === undefined) unknown = true;
	}
	return unknown ? 'unknown' : 'shown';
}

/**
 * The top-level parameters the editor must show when `overrides` (e.g. { operation: 'register' })
 * are set and everything else is at its default: [{ name, displayName, type }].
 */
/** Parameters n8n adds to a node's description itself (declarative request options), not the package. */
const ADDED_BY_N8N = new Set(['requestOptions']);
/** Node settings (the Settings tab), not parameters of the panel. */
const isNodeSetting = (p) => p.isNodeSetting === true;

function expectedFields(description, overrides = {}) {
	const values = { ...defaultValues(description.properties), ...overrides };
	const version = Array.isArray(description.version) ? Math.max(...description.version) : description.version;
	return description.properties
		.filter((p) => !ADDED_BY_N8N.has(p.name) && !isNodeSetting(p) && visibility(p, values, version) === 'shown')
		.map((p) => ({ name: p.name, displayName: p.displayName, type: p.type }));
}

/**
 * "Custom API Call": n8n adds it to the operations of a node whose credential can authenticate
 * HTTP requests; choosing it only points to the HTTP Request node.
 */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** The package's operations of a node: [{ value, name, action }] (empty for a node without `operation`). */
function operationsOf(description) {
	const op = description.properties.find((p) => p.name === 'operation' && p.type === 'options');
	if (!op) return [];
	return op.options
		.filter((o) => o.value !== CUSTOM_API_CALL)
		.map((o) => ({ value: o.value, name: o.name, action: o.action }));
}

module.exports = { CUSTOM_API_CALL, expectedFields, operationsOf, visibility, defaultValues };
