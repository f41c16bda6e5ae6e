'use strict';

const { errors } = require('./errors');

const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 25;

/**
 * Parses Graph's `fields` syntax: `id,throughput{level},owner_business{id,name}`;
 * modifiers such as `.limit(5)` are accepted and ignored.
 */
function parseFields(text) {
	if (text === undefined || text === null || String(text).trim() === '') return undefined;
	const source = Array.isArray(text) ? text.join(',') : String(text);
	let position = 0;
	function list() {
		const result = [];
		while (position < source.length) {
			const char = source[position];
			if (char === '}') break;
			if (char === ',' || /\s/.test(char)) {
				position++;
				continue;
			}
			let name = '';
			while (position < source.length && !/[,{}\s]/.test(source[position])) name += source[position++];
			name = name.replace(/\..*$/, '');
			while (/\s/.test(source[position] ?? '')) position++;
			let sub;
			if (source[position] === '{') {
				position++;
				sub = list();
				if (source[position] !== '}') throw errors.invalidParameter(`Syntax error in fields: expected "}" in ${source}`);
				position++;
			}
			if (name) result.push({ name, sub });
		}
		return result;
	}
	const parsed = list();
	if (position < source.length) throw errors.invalidParameter(`Syntax error in fields: unexpected "}" in ${source}`);
	return parsed;
}

function pick(value, sub) {
	if (!sub || value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((entry) => pick(entry, sub));
	const picked = {};
	for (const { name, sub: inner } of sub) {
		if (value[name] !== undefined && value[name] !== null) picked[name] = pick(value[name], inner);
	}
	return picked;
}

/**
 * Keeps the requested fields of a Graph object view (`id` always), in the order asked.
 * Unknown names are Graph's error 100; known fields without a value are left out.
 */
function selectFields(view, requested, { kind, known, defaults }) {
	const wanted = requested ?? defaults.map((name) => ({ name }));
	for (const { name } of wanted) {
		if (!known.includes(name)) throw errors.nonexistingField(name, kind);
	}
	const result = {};
	for (const { name, sub } of wanted) {
		if (view[name] !== undefined && view[name] !== null) result[name] = pick(view[name], sub);
	}
	if (result.id === undefined && view.id !== undefined) result.id = view.id;
	return result;
}

function encodeCursor(id, index) {
	return Buffer.from(`${id}:${index}`).toString('base64url');
}

function decodeCursor(cursor, name) {
	const text = Buffer.from(String(cursor), 'base64url').toString('utf8');
	const match = /^([^:]+):(\d+)$/.exec(text);
	if (!match) throw errors.invalidParameter(`The ${name} cursor is invalid`);
	return { id: match[1], index: Number(match[2]) };
}

function readLimit(value) {
	if (value === undefined || value === '') return DEFAULT_LIMIT;
	const limit = Number(value);
	if (!Number.isInteger(limit) || limit < 0) throw errors.invalidParameter('Param limit must be a non-negative integer');
	return Math.min(limit, MAX_LIMIT);
}

/**
 * Graph's cursor pagination over an already filtered and sorted list:
 * `{data, paging:{cursors:{before,after}, previous?, next?}}`, `next` only when more remain.
 */
function paginate(items, params, { pageUrl, render }) {
	const limit = readLimit(params.limit);
	const positionOf = (cursor, name) => {
		const { id, index } = decodeCursor(cursor, name);
		const found = items.findIndex((item) => item.id === id);
		return found >= 0 ? found : Math.min(index, items.length);
	};
	let start = 0;
	let end;
	if (params.after) {
		start = positionOf(params.after, 'after') + 1;
	} else if (params.before) {
		end = positionOf(params.before, 'before');
		start = Math.max(0, end - limit);
	}
	end = end ?? start + limit;
	end = Math.min(end, start + limit, items.length);
	const page = items.slice(start, end);
	const body = { data: page.map(render) };
	if (page.length === 0) return body;
	const before = encodeCursor(page[0].id, start);
	const after = encodeCursor(page[page.length - 1].id, end - 1);
	body.paging = { cursors: { before, after } };
	if (start > 0) body.paging.previous = pageUrl({ limit, before });
	if (end < items.length) body.paging.next = pageUrl({ limit, after });
	return body;
}

module.exports = { parseFields, selectFields, paginate, readLimit, MAX_LIMIT, DEFAULT_LIMIT };
