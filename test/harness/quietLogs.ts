/**
 * n8n's logger writes the errors the tests provoke on purpose to the console (winston). In the
 * unit project it is replaced by a silent one, so a green run prints Jest's summary; tests that
 * assert on log lines install their own with `captureLogs()` (test/harness/webhook.ts).
 */
import path from 'node:path';

import type { Logger } from '@n8n/backend-common';
import type { Container as DiContainer } from '@n8n/di';

function requireFromCore<T>(id: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(id, { paths: [path.dirname(require.resolve('n8n-core'))] })) as T;
}

const { Container } = requireFromCore<{ Container: typeof DiContainer }>('@n8n/di');
const { Logger: CoreLogger } = requireFromCore<{ Logger: typeof Logger }>('@n8n/backend-common');
const silent = { error() {}, warn() {}, info() {}, debug() {}, scoped: () => silent };
Container.set(CoreLogger, silent as unknown as Logger);
