export function recordSnapshots(
  names: string[],
  dirs?: { definitions?: string; snapshots?: string }
): { recorded: string[]; refused: string[] };
