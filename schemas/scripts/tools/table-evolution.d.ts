import type { TableColumn, TableDefinition } from '../../src/table-definition';
import type { Finding } from './compatibility';

export function findTableChanges(oldTable: TableDefinition, newTable: TableDefinition): Finding[];
export function describe(column: TableColumn): string;
