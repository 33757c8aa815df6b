export function generate(dirs?: { definitions?: string; snapshots?: string; out?: string }): Promise<number>;
