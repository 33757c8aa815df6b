import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * DuckDB (the analysts' reader) over parquet bytes, for tests: one in-memory instance and a
 * temp folder, both released by close().
 */
export class DuckDbReader {
  private _files = 0;

  private constructor(
    private readonly _instance: DuckDBInstance,
    public readonly connection: DuckDBConnection,
    public readonly folder: string
  ) {}

  public static async open(): Promise<DuckDbReader> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    return new DuckDbReader(instance, connection, mkdtempSync(join(tmpdir(), 'checkpoint-duckdb-')));
  }

  /** Writes bytes to a fresh file in the temp folder and returns its path. */
  public file(bytes: Uint8Array): string {
    const path = join(this.folder, `f${this._files++}.parquet`);
    writeFileSync(path, bytes);
    return path;
  }

  public async query(sql: string): Promise<Record<string, unknown>[]> {
    const result = await this.connection.runAndReadAll(sql);
    return result.getRowObjectsJS() as Record<string, unknown>[];
  }

  /** Column name → DuckDB type, as DESCRIBE shows them. */
  public async types(path: string): Promise<Record<string, string>> {
    const rows = await this.query(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
    return Object.fromEntries(rows.map((row) => [row.column_name as string, row.column_type as string]));
  }

  /**
   * Every row as DuckDB reads it, in file order; TIMESTAMP columns as epoch microseconds (bigint), the
   * way the checkpoint store returns them, so both readers' rows compare equal.
   */
  public async rows<Row = Record<string, unknown>>(path: string): Promise<Row[]> {
    const select = Object.entries(await this.types(path))
      .map(([name, type]) =>
        type.startsWith('TIMESTAMP') ? `epoch_us("${name}") AS "${name}"` : `"${name}"`
      )
      .join(', ');
    return (await this.query(`SELECT ${select} FROM read_parquet('${path}')`)) as Row[];
  }

  public close(): void {
    this.connection.closeSync();
    this._instance.closeSync();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
