/** Values shared by the WhatsApp Settings tests. */
import type { INodeParameters } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import { testCredentials } from '../../harness/graphMock';

export const PHONE_NUMBER_ID = '106540352242922';
export const phoneNumberId = { __rl: true, mode: 'id', value: PHONE_NUMBER_ID };

/** Settings as Graph answers GET /<PHONE_NUMBER_ID>/settings. */
export const SETTINGS = {
	calling: { status: 'DISABLED' },
	storage_configuration: { status: 'DEFAULT' },
	user_identity_change: { enable_identity_key_check: true },
};

export async function runSettings(parameters: INodeParameters) {
	return await runNode({ type: 'whatsAppSettings', parameters, credentials: testCredentials });
}
