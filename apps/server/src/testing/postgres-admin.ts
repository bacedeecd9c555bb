import pg from 'pg';

/** Runs one statement on its own short-lived connection (create/drop a schema or a database, ANALYZE…). */
export async function runStatement(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
