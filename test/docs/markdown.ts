/**
 * The checks that keep the documentation whole, as pure functions over Markdown text, so each
 * can be tried on a small bad sample (markdown.test.ts) as well as on the repository's pages
 * (docs.test.ts). Anchors follow GitHub's rules, since GitHub is where the pages are read.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Problem {
	file: string;
	line: number;
	message: string;
}

interface Fence {
	char: string;
	length: number;
	line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Each line's place: inside a fenced code block (fence lines included) or not; any fence left
 * open at the end; and fences that another opening fence (one with a language, such as ```json)
 * finds still open. CommonMark reads that second line as code, so everything up to the next bare
 * fence renders as code: the QR Codes › Create bug, where the count of fences still came out even.
 */
export function fenceMap(text: string): { inCode: boolean[]; unclosed: Fence[] } {
	const lines = text.split('\n');
	const inCode: boolean[] = [];
	const unclosed: Fence[] = [];
	let open: Fence | undefined;
	lines.forEach((raw, index) => {
		// Fences inside list items are indented by the item's marker; a fence is a fence at any indent.
		const line = raw.replace(/^\s+/, (spaces) => (spaces.length > 3 ? '   ' : spaces));
		const match = FENCE.exec(line);
		if (!open) {
			if (match && !(match[1][0] === '`' && match[2].includes('`'))) {
				open = { char: match[1][0], length: match[1].length, line: index + 1 };
			}
			inCode.push(Boolean(open));
			return;
		}
		inCode.push(true);
		if (!match || match[1][0] !== open.char || match[1].length < open.length) return;
		if (match[2].trim() === '') {
			open = undefined;
		} else if (/^\w/.test(match[2].trim())) {
			unclosed.push(open);
		}
	});
	if (open) unclosed.push(open);
	return { inCode, unclosed };
}

/** A fence opened and never closed turns the rest of the page into code (the QR Codes › Create bug). */
export function unclosedFences(file: string, text: string): Problem[] {
	return fenceMap(text).unclosed.map((fence) => ({
		file,
		line: fence.line,
		message: `the code fence ${fence.char.repeat(fence.length)} opened here is never closed`,
	}));
}

/** GitHub's heading anchor: the heading's text, lower case, punctuation dropped, spaces as hyphens. */
export function githubSlug(heading: string): string {
	const textOnly = heading
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '');
	return textOnly
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
		.replace(/ /g, '-');
}

/** Lines outside code, with their numbers. */
function proseLines(text: string): Array<{ line: number; text: string }> {
	const { inCode } = fenceMap(text);
	return text
		.split('\n')
		.map((line, index) => ({ line: index + 1, text: line }))
		.filter((entry) => !inCode[entry.line - 1]);
}

/** ATX headings outside code: level and text. */
export function headings(text: string): Array<{ level: number; text: string; line: number }> {
	return proseLines(text).flatMap(({ line, text: content }) => {
		const match = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(content);
		return match ? [{ level: match[1].length, text: match[2], line }] : [];
	});
}

/** Every anchor a page offers: its headings (repeats numbered -1, -2 as GitHub does) and HTML ids. */
export function anchorsOf(text: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const heading of headings(text)) {
		const slug = githubSlug(heading.text);
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	for (const { text: content } of proseLines(text)) {
		for (const match of content.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]);
	}
	return anchors;
}

/** Inline links and images outside code blocks and code spans. */
export function linksOf(text: string): Array<{ target: string; line: number }> {
	return proseLines(text).flatMap(({ line, text: content }) => {
		const withoutCode = content.replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length));
		return [...withoutCode.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => ({
			target: match[1],
			line,
		}));
	});
}

/**
 * Relative links whose file does not exist, and anchors (`#x`, `page.md#x`) that no heading of
 * the target page gives. Web addresses are not fetched.
 */
export function brokenLinks(file: string, text: string, readFile: (file: string) => string | undefined): Problem[] {
	const problems: Problem[] = [];
	for (const { target, line } of linksOf(text)) {
		if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
		const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
		const targetFile = pathPart ? path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(pathPart))) : file;
		const content = readFile(targetFile.replace(/\/$/, ''));
		if (content === undefined) {
			problems.push({ file, line, message: `link to ${target}: ${targetFile} does not exist` });
			continue;
		}
		if (anchor === undefined) continue;
		if (!targetFile.endsWith('.md')) {
			problems.push({ file, line, message: `link to ${target}: an anchor into a file that is not Markdown` });
			continue;
		}
		if (!anchorsOf(content).has(decodeURIComponent(anchor))) {
			problems.push({ file, line, message: `link to ${target}: ${targetFile} has no heading with the anchor #${anchor}` });
		}
	}
	return problems;
}

/** The operations a page must document: one `### <Operation>` heading each, under the node's page. */
export function missingOperationSections(file: string, text: string, operations: string[]): Problem[] {
	const present = new Set(headings(text).filter((heading) => heading.level === 3).map((heading) => heading.text.trim()));
	return operations
		.filter((operation) => !present.has(operation))
		.map((operation) => ({ file, line: 1, message: `no "### ${operation}" section for the operation ${operation}` }));
}

/** Reads repository files by path relative to the root; directories read as '' so a link to one resolves. */
export function repositoryReader(root: string): (file: string) => string | undefined {
	return (file) => {
		const absolute = path.join(root, file);
		if (!absolute.startsWith(root) || !fs.existsSync(absolute)) return undefined;
		return fs.statSync(absolute).isDirectory() ? '' : fs.readFileSync(absolute, 'utf8');
	};
}

/** The repository's Markdown files (paths relative to the root), outside dependencies and build output. */
export function markdownFiles(root: string, dir = ''): string[] {
	const skipped = new Set(['node_modules', 'dist', '.git', '.e2e', 'coverage']);
	return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const file = path.posix.join(dir, entry.name);
		if (entry.isDirectory()) return skipped.has(entry.name) ? [] : markdownFiles(root, file);
		return entry.name.endsWith('.md') ? [file] : [];
	});
}

/** The node's page under docs/nodes: `whatsAppPreVerifiedNumbers` → `pre-verified-numbers.md`. */
export function nodePage(nodeName: string): string {
	const words = nodeName.replace(/^whatsApp/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2');
	return `docs/nodes/${words.toLowerCase()}.md`;
}

/** Example workflow files (`flow.json`) that no page names as `examples/flow.json`. */
export function undescribedExamples(examples: string[], pages: string[]): string[] {
	const text = pages.join('\n');
	return examples.filter((example) => !text.includes(`examples/${example}`));
}
