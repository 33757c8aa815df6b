/** What a quarantine reason must say; every given part must hold. */
export interface ReasonRule {
  equals?: string;
  startsWith?: string;
  includes?: string;
  pattern?: RegExp;
}

export function reasonMatches(rule: ReasonRule, reason: string): boolean {
  return (
    (rule.equals === undefined || reason === rule.equals) &&
    (rule.startsWith === undefined || reason.startsWith(rule.startsWith)) &&
    (rule.includes === undefined || reason.includes(rule.includes)) &&
    (rule.pattern === undefined || rule.pattern.test(reason))
  );
}
