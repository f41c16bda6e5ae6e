import { GRAPH_MAX_PAGE_SIZE } from '../../shared/pagination';

/** What the pool's list and Get ask for: everything the lifecycle needs, in the same call. */
export const PRE_VERIFIED_NUMBER_FIELDS =
	'id,phone_number,code_verification_status,code_verification_time,verification_expiry_time';

/** Query of a pool listing: its fields, and `limit`, which marks it as a list for the Graph runner. */
export const POOL_LIST_QUERY = { fields: PRE_VERIFIED_NUMBER_FIELDS, limit: GRAPH_MAX_PAGE_SIZE };
