import { stringify } from 'csv-stringify';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { errorBody, type ReturnFormat, returnFormatOf } from './api-error';
import { completeMetadataRow, METADATA_COLUMNS, type MetadataRow } from './data-dictionary';
import {
  exportColumns,
  InvalidExportParameter,
  recordExportFields,
  reportExportFields
} from './export-columns';
import { FaultLevers, type RedcapFault } from './fault-levers';
import { booleanParameter, listParameter } from './form-parameters';
import type { RedcapProjectDefinition, RedcapRecord, RedcapReport } from './project';

/** The REDCap version this stand-in follows (answered to `content=version`). */
export const LOCAL_REDCAP_VERSION = '15.7.6';

export interface LocalRedcapOptions {
  /** Projects by name (the name only labels the request log). */
  projects: Readonly<Record<string, RedcapProjectDefinition>>;
  host?: string;
  /** 0 (default): an ephemeral port. */
  port?: number;
}

/** One request as the stand-in saw it; the token itself is never kept. */
export interface RedcapRequestRecord {
  /** The project the token belongs to, if any. */
  project: string | undefined;
  method: string;
  /** The form parameters, without `token`. */
  params: Record<string, string>;
  status: number;
  fault?: RedcapFault;
  /** False when the client went away before the answer was complete. */
  completed: boolean;
  durationMs: number;
}

/** A project of the stand-in: its data can change between requests (drift between runs). */
export class LocalRedcapProject {
  readonly faults: FaultLevers = new FaultLevers();
  metadata: readonly MetadataRow[];
  records: readonly RedcapRecord[];
  reports: Readonly<Record<string, RedcapReport>>;

  constructor(
    readonly name: string,
    definition: RedcapProjectDefinition
  ) {
    if (definition.metadata.length === 0) throw new Error(`project ${name} needs at least one field`);
    this.metadata = definition.metadata;
    this.records = definition.records ?? [];
    this.reports = definition.reports ?? {};
    for (const [id, report] of Object.entries(this.reports)) {
      // A report naming a field the dictionary lacks is a mistake in the test, not a REDCap state.
      reportExportFields(this.metadata, report.fields);
      if (!/^\d+$/.test(id)) throw new Error(`report id ${id} of project ${name} is not a number`);
    }
  }
}

/** An answer that failed in REDCap's way: a status and a message in the request's returnFormat. */
class RedcapApiError extends Error {
  public constructor(
    public readonly status: number,
    message?: string
  ) {
    super(message);
  }
}

/**
 * The REDCap API on this machine (POST form to `<url>`, e.g. `http://127.0.0.1:PORT/api/`):
 * `content=metadata`, `record`, `report` and `version`, flat CSV or JSON, raw values, with REDCap's
 * errors (403 for a missing or unknown token, 400 for an invalid parameter) and fault levers.
 */
export class LocalRedcap {
  readonly url: string;
  /** Levers for every request, whatever the project. */
  readonly faults: FaultLevers = new FaultLevers();
  readonly requests: RedcapRequestRecord[] = [];
  private readonly _projects: Map<string, LocalRedcapProject> = new Map();
  private readonly _byToken: Map<string, LocalRedcapProject> = new Map();
  private readonly _timers: Set<{ timer: NodeJS.Timeout; resolve: () => void }> = new Set();

  private constructor(
    private readonly _server: Server,
    options: LocalRedcapOptions
  ) {
    const address = _server.address() as AddressInfo;
    this.url = `http://${address.address}:${address.port}/api/`;
    for (const [name, definition] of Object.entries(options.projects)) {
      const project = new LocalRedcapProject(name, definition);
      this._projects.set(name, project);
      for (const token of definition.tokens) {
        if (this._byToken.has(token))
          throw new Error(`token of project ${name} is already another project's`);
        this._byToken.set(token, project);
      }
    }
  }

  static async start(options: LocalRedcapOptions): Promise<LocalRedcap> {
    const holder: { redcap?: LocalRedcap } = {};
    const server = createServer((req, res) => {
      holder.redcap!._handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    try {
      holder.redcap = new LocalRedcap(server, options);
    } catch (error) {
      server.close();
      throw error;
    }
    return holder.redcap;
  }

  project(name: string): LocalRedcapProject {
    const project = this._projects.get(name);
    if (!project) throw new Error(`no project ${name}`);
    return project;
  }

  /** Clears every lever (server and projects) and the request log. */
  reset(): void {
    this.faults.reset();
    for (const project of this._projects.values()) project.faults.reset();
    this.requests.splice(0);
  }

  async close(): Promise<void> {
    for (const pending of this._timers) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    await new Promise<void>((resolve, reject) => {
      this._server.close((error?: Error) => (error ? reject(error) : resolve()));
      this._server.closeAllConnections();
    });
  }

  private _sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const pending = {
        timer: setTimeout(() => {
          this._timers.delete(pending);
          resolve();
        }, ms),
        resolve
      };
      this._timers.add(pending);
    });
  }

  private async _handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const isForm = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const params = new URLSearchParams(
      req.method === 'POST' && isForm ? Buffer.concat(chunks).toString('utf8') : ''
    );
    const token = params.get('token') ?? '';
    const project = this._byToken.get(token);
    const logged = Object.fromEntries([...params].filter(([key]) => key !== 'token'));
    const record: RedcapRequestRecord = {
      project: project?.name,
      method: req.method ?? '',
      params: logged,
      status: 0,
      completed: false,
      durationMs: 0
    };
    this.requests.push(record);
    res.once('close', () => {
      record.status = res.statusCode;
      record.completed = res.writableFinished && record.fault !== 'truncated';
      record.durationMs = Date.now() - started;
    });
    const levers = project ? [this.faults, project.faults] : [this.faults];
    const returnFormat = returnFormatOf(params);

    const delay = Math.max(...levers.map((lever) => lever.takeDelay()));
    if (delay > 0) {
      markFault(record, 'slow');
      await this._sleep(delay);
      if (res.destroyed) return;
    }
    const failure = levers.map((lever) => lever.takeFailure()).find((status) => status !== undefined);
    if (failure !== undefined) {
      markFault(record, 'server-error');
      return sendError(res, new RedcapApiError(failure), returnFormat);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/' && url.pathname !== '/api') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
      return;
    }
    try {
      if (req.method !== 'POST') throw new RedcapApiError(501);
      // REDCap checks the token's characters, then looks it up; both fail with the same 403.
      if (!/^[A-Za-z0-9]+$/.test(token) || !project || levers.some((lever) => lever.rejectsTokens)) {
        if (levers.some((lever) => lever.rejectsTokens)) markFault(record, 'bad-token');
        throw new RedcapApiError(403);
      }
      const answer = this._answer(project, params);
      const truncate = levers.some((lever) => lever.takeTruncation());
      if (truncate) markFault(record, 'truncated');
      await send(res, answer, truncate);
    } catch (error) {
      if (!(error instanceof RedcapApiError)) throw error;
      sendError(res, error, returnFormat);
    }
  }

  private _answer(project: LocalRedcapProject, params: URLSearchParams): Answer {
    const content = params.get('content') ?? '';
    const format = (params.get('format') || 'xml').toLowerCase();
    switch (content) {
      case 'version':
        return { contentType: 'text/csv; charset=utf-8', rows: undefined, text: LOCAL_REDCAP_VERSION };
      case 'metadata':
        return metadataAnswer(project, params, dataFormat(format));
      case 'record':
        return recordAnswer(project, params, dataFormat(format));
      case 'report':
        return reportAnswer(project, params, dataFormat(format));
      default:
        throw new RedcapApiError(400, 'The value of the parameter "content" is not valid');
    }
  }
}

// A function, not an assignment after an await: each request owns its log entry.
function markFault(record: RedcapRequestRecord, fault: RedcapFault): void {
  record.fault = fault;
}

export function startLocalRedcap(options: LocalRedcapOptions): Promise<LocalRedcap> {
  return LocalRedcap.start(options);
}

/** A successful answer: CSV rows (streamed through csv-stringify) or JSON objects, or plain text. */
interface Answer {
  contentType: string;
  /** Header first, then one array per record; or objects for JSON. */
  rows:
    | { format: 'csv'; header: string[]; values: Iterable<string[]> }
    | { format: 'json'; objects: unknown[] }
    | undefined;
  text?: string;
}

function dataFormat(format: string): 'csv' | 'json' {
  if (format === 'csv' || format === 'json') return format;
  // REDCap also exports xml and odm; this stand-in does not, and says so instead of guessing.
  throw new RedcapApiError(400, `local-redcap exports only format=csv or format=json, not ${format}`);
}

function notImplemented(params: URLSearchParams): void {
  const unsupported: string[] = [];
  if ((params.get('type') || 'flat').toLowerCase() !== 'flat') unsupported.push('type=eav');
  if ((params.get('rawOrLabel') || 'raw').toLowerCase() !== 'raw') unsupported.push('rawOrLabel=label');
  if ((params.get('rawOrLabelHeaders') || 'raw').toLowerCase() !== 'raw')
    unsupported.push('rawOrLabelHeaders=label');
  if (booleanParameter(params, 'exportCheckboxLabel')) unsupported.push('exportCheckboxLabel=true');
  if ((params.get('filterLogic') ?? '') !== '') unsupported.push('filterLogic');
  if (unsupported.length > 0) {
    throw new RedcapApiError(400, `local-redcap does not implement ${unsupported.join(', ')}`);
  }
}

function metadataAnswer(
  project: LocalRedcapProject,
  params: URLSearchParams,
  format: 'csv' | 'json'
): Answer {
  const fields = listParameter(params, 'fields');
  const forms = listParameter(params, 'forms');
  const known = new Set(project.metadata.map((row) => row.field_name));
  const badFields = fields.filter((field) => !known.has(field));
  if (badFields.length > 0) throw invalidParameter(new InvalidExportParameter('fields', badFields));
  const rows = project.metadata
    .filter(
      (row) =>
        (fields.length === 0 && forms.length === 0) ||
        fields.includes(row.field_name) ||
        forms.includes(row.form_name)
    )
    .map(completeMetadataRow);
  if (format === 'json')
    return { contentType: 'application/json; charset=utf-8', rows: { format, objects: rows } };
  return {
    contentType: 'text/csv; charset=utf-8',
    rows: {
      format,
      header: [...METADATA_COLUMNS],
      values: rows.map((row) => METADATA_COLUMNS.map((c) => row[c]))
    }
  };
}

function recordAnswer(project: LocalRedcapProject, params: URLSearchParams, format: 'csv' | 'json'): Answer {
  notImplemented(params);
  let fieldNames: string[];
  try {
    fieldNames = recordExportFields(
      project.metadata,
      listParameter(params, 'fields'),
      listParameter(params, 'forms')
    );
  } catch (error) {
    throw invalidParameter(error);
  }
  const ids = listParameter(params, 'records');
  const recordId = project.metadata[0].field_name;
  const records =
    ids.length === 0 ? project.records : project.records.filter((r) => ids.includes(String(r[recordId])));
  return tabular(project, fieldNames, records, format);
}

function reportAnswer(project: LocalRedcapProject, params: URLSearchParams, format: 'csv' | 'json'): Answer {
  notImplemented(params);
  const id = params.get('report_id') ?? '';
  if (!/^\d+$/.test(id)) throw new RedcapApiError(400, 'The value of the parameter "report_id" is not valid');
  const report = project.reports[id];
  if (!report) {
    throw new RedcapApiError(
      403,
      `The API request cannot complete because report_id=${id} does not belong to this project.`
    );
  }
  const fieldNames = reportExportFields(project.metadata, report.fields);
  const records = report.filter ? project.records.filter(report.filter) : project.records;
  return tabular(project, fieldNames, records, format);
}

function tabular(
  project: LocalRedcapProject,
  fieldNames: readonly string[],
  records: readonly RedcapRecord[],
  format: 'csv' | 'json'
): Answer {
  const columns = exportColumns(project.metadata, fieldNames);
  if (format === 'json') {
    const objects = records.map((record) =>
      Object.fromEntries(columns.map((c) => [c.header, c.value(record)]))
    );
    return { contentType: 'application/json; charset=utf-8', rows: { format, objects } };
  }
  return {
    contentType: 'text/csv; charset=utf-8',
    rows: {
      format,
      header: columns.map((c) => c.header),
      values: (function* () {
        for (const record of records) yield columns.map((c) => c.value(record));
      })()
    }
  };
}

function invalidParameter(error: unknown): RedcapApiError {
  if (error instanceof InvalidExportParameter) return new RedcapApiError(400, error.message);
  throw error;
}

function sendError(res: ServerResponse, error: RedcapApiError, returnFormat: ReturnFormat): void {
  const { contentType, body } = errorBody(error.status, error.message || undefined, returnFormat);
  res.writeHead(error.status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The body of an answer, produced lazily (a large CSV report is never held whole). */
function bodyOf(answer: Answer): Readable {
  const rows = answer.rows;
  if (rows === undefined) return Readable.from([answer.text ?? '']);
  if (rows.format === 'json') return Readable.from([JSON.stringify(rows.objects)]);
  // PHP's fputcsv, which REDCap's CSV follows, quotes a value holding a space or tab too.
  const csv = stringify({ quoted_match: /[ \t]/ });
  Readable.from(
    (function* () {
      yield rows.header;
      yield* rows.values;
    })()
  ).pipe(csv);
  return csv;
}

async function send(res: ServerResponse, answer: Answer, truncate: boolean): Promise<void> {
  const body = bodyOf(answer);
  if (!truncate) {
    res.writeHead(200, { 'Content-Type': answer.contentType });
    await pipeline(body, res);
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as string | Buffer));
  const whole = Buffer.concat(chunks);
  res.writeHead(200, { 'Content-Type': answer.contentType, 'Content-Length': whole.length });
  // Half the body reaches the client, then the connection drops: the client must see an error.
  res.write(whole.subarray(0, Math.floor(whole.length / 2)), () => res.destroy());
}
