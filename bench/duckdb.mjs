// The DuckDB peer of make bench: the per-customer summary a user would write
// in SQL for what cm-import computes (first and last date, order days,
// revenue), over a transaction CSV made by cm-gen.
//   node bench/duckdb.mjs FILE THREADS   prints "SECONDS ROWS"
//   node bench/duckdb.mjs --version      prints DuckDB's version
// SECONDS is the wall time of the query alone: not node's start, not loading
// DuckDB, not SET threads.  ROWS is the number of rows written, one per
// customer.  The client is found in $DUCKDB_DIR (bench/duckdb.sh installs it).
//
// The result goes to a CSV file in a fresh temporary folder, removed after:
// COPY makes DuckDB materialise and format every row, as cm-import formats its
// table.  Not /dev/null: over a target that exists DuckDB writes tmp_NAME
// beside it and renames that over it, which as root replaces the device.
// The columns are typed, so no sniffing runs and none varies between files:
// amount is DECIMAL(18,2), exact as cm's amounts are, and date a DATE.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const dir = resolve(process.env.DUCKDB_DIR || "bench/out/duckdb");
let DuckDBInstance, version;
try {
	({ DuckDBInstance, version } = createRequire(join(dir, "package.json"))("@duckdb/node-api"));
} catch (e) {
	console.error(`duckdb: cannot load @duckdb/node-api from ${dir}: ${e.message.split("\n")[0]}`);
	process.exit(1);
}

if (process.argv[2] === "--version") {
	console.log(version());
	process.exit(0);
}
const [file, threads] = process.argv.slice(2);
if (!file || !/^[1-9][0-9]*$/.test(threads || "")) {
	console.error("usage: node bench/duckdb.mjs FILE THREADS");
	process.exit(2);
}
const quote = (s) => "'" + s.replaceAll("'", "''") + "'";

const columns = `{'customer_id': 'VARCHAR', 'order_id': 'VARCHAR', 'date': 'DATE',
	'amount': 'DECIMAL(18,2)', 'margin': 'DECIMAL(18,2)', 'channel': 'VARCHAR',
	'customer_name': 'VARCHAR'}`;
const tmp = mkdtempSync(join(tmpdir(), "cm-duckdb-"));
const sql = `COPY (
	SELECT customer_id, min(date) AS first_date, max(date) AS last_date,
		count(DISTINCT date) AS orders, sum(amount) AS revenue
	FROM read_csv(${quote(resolve(file))}, header = true, auto_detect = false,
		delim = ',', quote = '"', escape = '"', dateformat = '%Y-%m-%d',
		columns = ${columns})
	GROUP BY customer_id
) TO ${quote(join(tmp, "summary.csv"))} (FORMAT csv, HEADER true)`;

try {
	const db = await DuckDBInstance.create(":memory:");
	const con = await db.connect();
	await con.run(`SET threads = ${threads}`);
	const t0 = process.hrtime.bigint();
	const res = await con.run(sql);
	const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
	console.log(`${seconds.toFixed(3)} ${res.rowsChanged}`);
	con.closeSync();
	db.closeSync();
} catch (e) {
	console.error(`duckdb: ${e.message.split("\n")[0]}`);
	process.exitCode = 1;
} finally {
	rmSync(tmp, { recursive: true, force: true });
}
