/** Graph's `fields` parameter as nodes build it: chosen fields, or a usual set, plus names typed by hand. */
import type { INodeProperties } from 'n8n-workflow';

/**
 * Splits a comma-separated field list, keeping Graph's field expansion intact:
 * `webhook_configuration{application,url}` stays one name.
 */
export function splitFieldNames(text: string): string[] {
	const names: string[] = [];
	let depth = 0;
	let current = '';
	for (const character of text) {
		if (character === '{') depth++;
		if (character === '}') depth = Math.max(0, depth - 1);
		if (character === ',' && depth === 0) {
			names.push(current);
			current = '';
			continue;
		}
		current += character;
	}
	names.push(current);
	return names.map((name) => name.trim()).filter((name) => name !== '');
}

/** The chosen fields (or the usual set when none is chosen) plus the typed ones, in order. */
export function chosenFieldNames(chosen: string[] | undefined, typed: string | undefined, usual: readonly string[]): string[] {
	return [...(chosen?.length ? chosen : usual), ...splitFieldNames(typed ?? '')];
}

/** The Options collection of a read: the fields to return, and whatever else the operation adds. */
export function fieldOptionsCollection(
	options: INodeProperties[],
	description = 'Choose the fields to return',
): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, description, options };
}
