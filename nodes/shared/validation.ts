// The trigger's imports from before the split into schemas.ts and parameters.ts.
export { graphObjectId } from './schemas';
export { parseField } from './parameters';
