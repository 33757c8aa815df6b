/**
 * The questions analysts ask of a checkpoint (shared event-log spec, "Analyst queries"), as DuckDB SQL
 * over `read_parquet(path)`. Athena runs the same SQL with the table name in place of `read_parquet`.
 */
export const analystQueries = {
  rowsAtCenter: (t: string, center: string) =>
    `SELECT count(*)::INTEGER AS n FROM ${t} WHERE center_label = '${center.replace(/'/g, "''")}'`,
  countByAction: (t: string) =>
    `SELECT action, count(*)::INTEGER AS n FROM ${t} GROUP BY action ORDER BY action`,
  countByPacket: (t: string) =>
    `SELECT coalesce(packet, '(none)') AS packet, count(*)::INTEGER AS n FROM ${t} GROUP BY 1 ORDER BY 1`,
  visitDateRange: (t: string, from: string, to: string) =>
    `SELECT count(*)::INTEGER AS n FROM ${t} WHERE visit_date BETWEEN '${from}' AND '${to}'`,
  timestampSince: (t: string, since: string) =>
    `SELECT count(*)::INTEGER AS n FROM ${t} WHERE "timestamp" >= TIMESTAMPTZ '${since}'`,
  daysToFirstSubmit: (t: string) =>
    `SELECT ptid, visit_number, min(date_diff('day', CAST(visit_date AS DATE), CAST("timestamp" AT TIME ZONE 'UTC' AS DATE)))::INTEGER AS days
     FROM ${t} WHERE action = 'submit' GROUP BY ptid, visit_number ORDER BY ptid, visit_number`,
  moduleByPacketByAction: (t: string) =>
    `SELECT module, packet, action, count(*)::INTEGER AS n FROM ${t} GROUP BY ALL ORDER BY ALL`,
  qcPassRate: (t: string) =>
    `SELECT round(count(*) FILTER (WHERE action = 'pass-qc') / nullif(count(*) FILTER (WHERE action IN ('pass-qc', 'not-pass-qc')), 0), 4)::DOUBLE AS rate FROM ${t}`,
  latestPerVisit: (t: string) =>
    `SELECT ptid, visit_number, arg_max(action, "timestamp") AS action FROM ${t} GROUP BY ptid, visit_number ORDER BY ptid, visit_number`,
  timeRange: (t: string) =>
    `SELECT count(*)::INTEGER AS n, strftime(min("timestamp") AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS first,
            strftime(max("timestamp") AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS last FROM ${t}`
};

/** `read_parquet('…')` for a local file path. */
export const parquetTable = (path: string): string => `read_parquet('${path.replace(/'/g, "''")}')`;
