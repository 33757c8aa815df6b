import type { LocalPipeline } from '../pipeline/local-pipeline';

/** Quarantine records grouped by their first reason, quoted values elided (what kind of problem). */
export async function summarizeQuarantine(
  pipeline: LocalPipeline
): Promise<{ files: number; byReason: Record<string, number> }> {
  const byReason: Record<string, number> = {};
  const records = await pipeline.quarantine();
  for (const record of records) {
    const kind = record.reasons[0].replace(/"[^"]*"/g, '…').slice(0, 80);
    byReason[kind] = (byReason[kind] ?? 0) + 1;
  }
  return { files: records.length, byReason };
}
