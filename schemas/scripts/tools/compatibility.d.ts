export function findBreakingChanges(oldSchema: object, newSchema: object): string[];
export function checkEvolution(name: string, schema: object, snapshots: Map<number, object>): string[];
export function majorOf(version: string | undefined): number;
