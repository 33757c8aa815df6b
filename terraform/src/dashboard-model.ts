import type { Value } from './terraform-value';
import { isObject } from './terraform-value';

// What a CloudWatch dashboard body draws: each metric line, either one metric (namespace, name,
// dimensions) or a SEARCH expression (namespace, dimension schema, filters), with its statistic.

export interface DashboardMetric {
  readonly widget: string;
  readonly namespace: string;
  readonly metricName: string;
  /** Dimension values of a single metric; the filters (other than MetricName) of a SEARCH. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** The dimension schema of a SEARCH (`{namespace,A,B}` => [A, B]); undefined for a single metric. */
  readonly searchSchema: readonly string[] | undefined;
  readonly stat: string | undefined;
}

// SEARCH('{"Namespace",DimA,DimB} MetricName="X" dim="v"', 'Stat', period)
const SEARCH_PATTERN =
  /^SEARCH\('\{"?([^",}]+)"?((?:,[A-Za-z0-9_]+)*)\}((?: [A-Za-z0-9_]+="[^"]*")*)', '([A-Za-z0-9.]+)', \d+\)$/;

function parseSearch(expression: string, widget: string): DashboardMetric {
  const match = SEARCH_PATTERN.exec(expression);
  if (!match) throw new Error(`${widget}: unsupported dashboard expression ${expression}`);
  const [, namespace, schema, filterText, stat] = match;
  const filters: Record<string, string> = {};
  for (const [, key, value] of filterText.matchAll(/ ([A-Za-z0-9_]+)="([^"]*)"/g)) filters[key] = value;
  const { MetricName: metricName, ...dimensions } = filters;
  return {
    widget,
    namespace,
    metricName,
    dimensions,
    searchSchema: schema.split(',').filter(Boolean),
    stat
  };
}

/** Every metric line of every metric widget of a decoded dashboard body. */
export function dashboardMetrics(body: Value): DashboardMetric[] {
  if (!isObject(body) || !Array.isArray(body.widgets)) throw new Error('dashboard body without widgets');
  return body.widgets.flatMap((widget) => {
    if (!isObject(widget) || widget.type !== 'metric' || !isObject(widget.properties)) return [];
    const properties = widget.properties;
    const title = String(properties.title);
    const lines = Array.isArray(properties.metrics) ? properties.metrics : [];
    return lines.map((line): DashboardMetric => {
      if (!Array.isArray(line)) throw new Error(`${title}: a metric line must be an array`);
      const options = isObject(line[line.length - 1]) ? (line[line.length - 1] as Record<string, Value>) : {};
      if (typeof options.expression === 'string') return parseSearch(options.expression, title);
      const fields = line.filter((item) => !isObject(item)).map(String);
      const [namespace, metricName, ...pairs] = fields;
      const dimensions: Record<string, string> = {};
      for (let i = 0; i + 1 < pairs.length; i += 2) dimensions[pairs[i]] = pairs[i + 1];
      const stat = options.stat ?? properties.stat;
      return {
        widget: title,
        namespace,
        metricName,
        dimensions,
        searchSchema: undefined,
        stat: stat === undefined ? undefined : String(stat)
      };
    });
  });
}
