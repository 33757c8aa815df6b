/** Advisory counts by severity, as `pnpm audit --json` reports them. */
export interface AuditCounts {
  info: number;
  low: number;
  moderate: number;
  high: number;
  critical: number;
}

export interface AuditFinding {
  module: string;
  severity: string;
  title: string;
  url: string;
}

export interface AuditReport {
  counts: AuditCounts;
  /** High and critical advisories. */
  blocking: AuditFinding[];
}

/** The advisory registry could not be asked (no network, or the endpoint refused). */
export class AuditUnavailableError extends Error {
  public constructor(detail: string) {
    super(`the dependency audit could not reach the advisory endpoint: ${detail}`);
    this.name = 'AuditUnavailableError';
  }
}

interface PnpmAuditJson {
  advisories?: Record<string, { module_name?: string; severity?: string; title?: string; url?: string }>;
  metadata?: { vulnerabilities?: Partial<AuditCounts> };
  error?: { code?: string; message?: string };
}

/**
 * Reads the output of `pnpm audit --json` (through rush-pnpm, which prints banner lines first):
 * advisory counts and the high/critical findings. Throws AuditUnavailableError when pnpm could not
 * query the registry, so that an unreachable registry is never mistaken for a clean audit.
 */
export function parseAuditOutput(stdout: string, stderr: string = ''): AuditReport {
  // rush-pnpm prints banner lines before pnpm's JSON.
  const start = stdout.search(/^\{/m);
  const bad = /ERR_PNPM_AUDIT\w*[^\n]*/.exec(`${stdout}\n${stderr}`);
  if (start === -1) throw new AuditUnavailableError(bad?.[0] ?? 'no JSON in the audit output');
  const parsed = JSON.parse(stdout.slice(start)) as PnpmAuditJson;
  if (parsed.error || !parsed.metadata?.vulnerabilities) {
    throw new AuditUnavailableError(
      parsed.error?.message ?? parsed.error?.code ?? bad?.[0] ?? 'no advisory metadata'
    );
  }
  const v = parsed.metadata.vulnerabilities;
  const counts: AuditCounts = {
    info: v.info ?? 0,
    low: v.low ?? 0,
    moderate: v.moderate ?? 0,
    high: v.high ?? 0,
    critical: v.critical ?? 0
  };
  const blocking = Object.values(parsed.advisories ?? {})
    .filter((a) => a.severity === 'high' || a.severity === 'critical')
    .map((a) => ({
      module: a.module_name ?? '?',
      severity: a.severity ?? '?',
      title: a.title ?? '',
      url: a.url ?? ''
    }));
  return { counts, blocking };
}
