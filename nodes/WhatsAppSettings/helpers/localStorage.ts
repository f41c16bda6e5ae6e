/** Local storage of a number: reading Meta's `storage_configuration`, and what its refusal means. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Advice, GraphError } from '../../shared/graphErrors';

const ENABLED = 'IN_COUNTRY_STORAGE_ENABLED';

/**
 * Meta's reference names the status `default` / `in_country_storage_enabled`, its guide
 * writes them in capitals; either is read, and an unknown status passes through as it came.
 */
export function localStorageOf(settings: IDataObject): IDataObject {
	const storage = (settings.storage_configuration ?? {}) as IDataObject;
	const status = typeof storage.status === 'string' ? storage.status.toUpperCase() : 'DEFAULT';
	const region = storage.data_localization_region;
	return {
		localStorageEnabled: status === ENABLED,
		status,
		dataLocalizationRegion: typeof region === 'string' && region ? region.toUpperCase() : null,
	};
}

/** Shown on Set Local Storage, and repeated by the error when Meta refuses. */
export const localStorageNotice: INodeProperties = {
	displayName:
		'Meta changes local storage only while the number is not registered. For a number in use: Deregister it (WhatsApp Phone Numbers), set local storage here, then Register it again. Register and deregister share a limit of 10 calls per number in 72 hours, and the number cannot send or receive messages until it is registered again.',
	name: 'localStorageNotice',
	type: 'notice',
	default: '',
};

/**
 * Meta documents the rule (not registered) but not the error it answers; it comes as an
 * error 100 naming the registration. Any other error keeps the general advice.
 */
export function localStorageAdvice(graphError: GraphError): Advice | undefined {
	const text = `${graphError.message ?? ''} ${graphError.error_user_msg ?? ''}`;
	if (graphError.code !== 100 || !/regist/i.test(text)) return undefined;
	return {
		message: 'Local storage can only be changed while the number is not registered',
		action:
			'Deregister the number (WhatsApp Phone Numbers › Deregister), run Set Local Storage again, then register it (WhatsApp Phone Numbers › Register). Register and deregister share Meta\'s limit of 10 calls per number in 72 hours, and the number cannot send or receive messages until it is registered again.',
	};
}
