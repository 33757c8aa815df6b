export const MODELLED: ReadonlySet<string>;
export function findUnmodelledKeywords(schema: object): { path: string; keyword: string }[];
