export interface Finding {
  path: string;
  what: string;
  rule: string;
}
export function findBreakingChanges(oldSchema: object, newSchema: object): string[];
export function allBreakingChanges(
  name: string,
  oldSchema: object,
  newSchema: object,
  options?: { tableRules?: boolean }
): Finding[];
export function compareWithSnapshot(
  name: string,
  schema: object,
  snapshot: object,
  options?: { tableRules?: boolean; snapshotLabel?: string }
): string[];
export function checkEvolution(name: string, schema: object, snapshots: Map<number, object>): string[];
export function majorOf(version: string | undefined): number;
export function howToShip(name: string, major: number): string;
export function unmodelledLine(
  name: string,
  found: { path: string; keyword: string },
  where?: string
): string;
