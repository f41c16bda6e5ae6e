/**
 * Meta's local-storage regions (`data_localization_region`), as its registration reference
 * lists them; used by Register (older Graph versions) and by Set Local Storage.
 */
import type { INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

export const DATA_LOCALIZATION_REGIONS: Array<INodePropertyOptions & { value: string }> = [
	{ name: 'Australia (AU)', value: 'AU' },
	{ name: 'Bahrain (BH)', value: 'BH' },
	{ name: 'Brazil (BR)', value: 'BR' },
	{ name: 'Canada (CA)', value: 'CA' },
	{ name: 'Germany / European Union (DE)', value: 'DE' },
	{ name: 'India (IN)', value: 'IN' },
	{ name: 'Indonesia (ID)', value: 'ID' },
	{ name: 'Japan (JP)', value: 'JP' },
	{ name: 'Singapore (SG)', value: 'SG' },
	{ name: 'South Africa (ZA)', value: 'ZA' },
	{ name: 'South Korea (KR)', value: 'KR' },
	{ name: 'Switzerland (CH)', value: 'CH' },
	{ name: 'United Arab Emirates (AE)', value: 'AE' },
	{ name: 'United Kingdom (GB)', value: 'GB' },
];

const regionCodes = DATA_LOCALIZATION_REGIONS.map(({ value }) => value);

/** A region code Meta offers for local storage, such as DE or IN. */
export const dataLocalizationRegion = z
	.string()
	.trim()
	.toUpperCase()
	.refine((code) => regionCodes.includes(code), {
		message: `must be one of Meta's local-storage regions: ${regionCodes.join(', ')}`,
	});
