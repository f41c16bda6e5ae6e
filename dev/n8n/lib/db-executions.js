'use strict';
/**
 * A workflow's executions read from n8n's database, not from the REST list (n8n 2.41's list can
 * repeat and skip rows while executions start out of ID order). Each row comes with the changes
 * its trigger received (`changeIds`, from the start data, so a crashed execution has them too)
 * and the changes its trigger passed on (`ran`).
 *
 * SQLite is read with the sqlite3 module of the cached n8n install, run by n8n's own Node (the
 * module is built for it); PostgreSQL with its `pg` module.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const { unflatten } = require('./n8n');

const SQLITE_SCRIPT = `
const sqlite3 = require('sqlite3');
const [file, workflowId] = process.argv.slice(1);
const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
db.all('SELECT e.id, e.status, e.mode, e.retryOf, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ?', [workflowId], (error, rows) => {
	if (error) { console.error(error.message); process.exit(1); }
	process.stdout.write(JSON.stringify(rows));
	db.close();
});`;

function rowsFromSqlite(install, file, workflowId) {
	const out = execFileSync(install.nodeExe, ['-e', SQLITE_SCRIPT, file, String(workflowId)], {
		env: { ...process.env, NODE_PATH: path.join(install.n8nDir, 'node_modules') },
		maxBuffer: 512 * 1024 * 1024,
	});
	return JSON.parse(out.toString());
}

async function rowsFromPostgres(install, db, workflowId) {
	const { Client } = require(path.join(install.n8nDir, 'node_modules', 'pg'));
	const client = new Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: db.database });
	await client.connect();
	try {
		const result = await client.query(
			'SELECT e.id, e.status, e.mode, e."retryOf", d.data FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = $1',
			[String(workflowId)],
		);
		return result.rows;
	} finally {
		await client.end();
	}
}

function changeIdsOf(items) {
	return (items || []).map((item) => item?.json?.changeId).filter((id) => typeof id === 'string');
}

function describe(row, install, trigger) {
	let data;
	try {
		data = row.data ? unflatten(row.data, install.n8nDir) : undefined;
	} catch {
		data = undefined;
	}
	const output = data?.resultData?.runData?.[trigger]?.[0]?.data?.main?.[0];
	const started = (data?.executionData?.nodeExecutionStack || []).find((entry) => entry.node?.name === trigger)?.data?.main?.[0];
	return {
		id: String(row.id),
		status: row.status,
		mode: row.mode,
		retryOf: row.retryOf ?? null,
		startedAt: data?.startData?.startedAt ?? null,
		changeIds: [...new Set([...changeIdsOf(started), ...changeIdsOf(output)])],
		ran: row.status === 'success' ? changeIdsOf(output) : [],
		items: (output || []).map((item) => item.json),
		error: data?.resultData?.error?.message ?? null,
	};
}

/** Every execution of the workflow in the database, oldest first. */
async function executionsFromDb({ install, sqliteFile, postgres, workflowId, trigger }) {
	const rows = sqliteFile ? rowsFromSqlite(install, sqliteFile, workflowId) : await rowsFromPostgres(install, postgres, workflowId);
	return rows.map((row) => describe(row, install, trigger)).sort((a, b) => Number(a.id) - Number(b.id));
}

/** How many entries n8n's deduplication store holds for the workflow, per context (PostgreSQL). */
async function deduplicationEntries({ install, postgres, workflowId }) {
	const { Client } = require(path.join(install.n8nDir, 'node_modules', 'pg'));
	const client = new Client({ host: postgres.host, port: postgres.port, user: postgres.user, password: postgres.password, database: postgres.database });
	await client.connect();
	try {
		const result = await client.query('SELECT context, value FROM processed_data WHERE "workflowId" = $1', [String(workflowId)]);
		return Object.fromEntries(result.rows.map((row) => [row.context, (typeof row.value === 'string' ? JSON.parse(row.value) : row.value)?.data?.length ?? 0]));
	} finally {
		await client.end();
	}
}

/** Per change: the executions that ran it to success, and those that hold it unfinished or failed. */
function byChange(executions) {
	const changes = new Map();
	const entry = (id) => {
		if (!changes.has(id)) changes.set(id, { ran: [], failed: [] });
		return changes.get(id);
	};
	for (const execution of executions) {
		for (const id of execution.ran) entry(id).ran.push(execution.id);
		if (['error', 'crashed'].includes(execution.status)) for (const id of execution.changeIds) entry(id).failed.push(execution.id);
	}
	return changes;
}

module.exports = { executionsFromDb, byChange, deduplicationEntries };
