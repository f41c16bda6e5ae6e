/**
 * Jest global setup: node tests load the package from `dist`, so a `dist` older than the
 * sources would test stale code. `npm test` builds first; a bare `npx jest` after an edit
 * stops here with what to do.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_DIRS = ['nodes', 'credentials'];

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(file);
		return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
	});
}

/** Sources whose compiled file in dist/ is missing or older than they are. */
export function staleSources(root: string = ROOT): string[] {
	return SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(root, dir))).filter((source) => {
		const built = path.join(root, 'dist', path.relative(root, source)).replace(/\.ts$/, '.js');
		return !fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(source).mtimeMs;
	});
}

export default function assertFreshBuild(): void {
	const stale = staleSources();
	if (stale.length === 0) return;
	const shown = stale.slice(0, 5).map((file) => path.relative(ROOT, file));
	throw new Error(
		`dist/ is older than the sources (${shown.join(', ')}${stale.length > 5 ? `, and ${stale.length - 5} more` : ''}); the node tests would run stale code. Run "npm run build" first, or "npm test", which builds and then tests.`,
	);
}
