import { type ResourceInstance, expandBlocks } from './deployment-model';
import type { Body, TerraformModule } from './terraform-module';
import { type Value, isObject } from './terraform-value';

/** Actions AWS only accepts on resource "*" (no resource-level permissions); none reads or writes data. */
export const ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS: ReadonlySet<string> = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords'
]);

/** A policy statement as written in the configuration (values still expressions). */
export interface RawStatement {
  readonly document: string;
  readonly body: Body;
}

/** Statements of every aws_iam_policy_document of a module, including dynamic ones. */
export function rawPolicyStatements(module: TerraformModule): RawStatement[] {
  const statements: RawStatement[] = [];
  for (const [document, body] of Object.entries(module.dataSources.aws_iam_policy_document ?? {})) {
    for (const statement of (body.statement ?? []) as Body[]) statements.push({ document, body: statement });
    const dynamics = ((body.dynamic as Record<string, Body[]> | undefined)?.statement ?? []) as Body[];
    for (const dynamic of dynamics) statements.push({ document, body: (dynamic.content as Body[])[0] });
  }
  return statements;
}

const isWildcardAction = (action: string): boolean => action === '*' || /^[a-z0-9-]+:\*$/i.test(action);
const isExpression = (text: string): boolean => text.includes('${');

/**
 * Least-privilege rules every Allow statement must meet, checked on the configuration text:
 * actions are a literal list without `*` or `service:*`; resource "*" only for actions that have
 * no resource-level permissions; S3 object access never to a whole bucket (`bucket/*`).
 */
export function rawStatementViolations({ document, body }: RawStatement): string[] {
  const where = `aws_iam_policy_document.${document}${typeof body.sid === 'string' ? ` (${body.sid})` : ''}`;
  const effect = body.effect ?? 'Allow';
  if (effect === 'Deny') return [];
  const problems: string[] = [];
  if (body.not_actions !== undefined || body.not_resources !== undefined) {
    problems.push(`${where}: Allow with not_actions/not_resources grants everything else`);
  }
  const actions = body.actions;
  if (
    !Array.isArray(actions) ||
    actions.some((action) => typeof action !== 'string' || isExpression(action))
  ) {
    problems.push(`${where}: actions must be a literal list (reviewable)`);
    return problems;
  }
  const actionList = actions as string[];
  for (const action of actionList.filter(isWildcardAction))
    problems.push(`${where}: grants wildcard action ${action}`);
  const resources = Array.isArray(body.resources) ? (body.resources as unknown[]) : [body.resources];
  if (resources.includes('*')) {
    const dataActions = actionList.filter(
      (action) => !ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.has(action)
    );
    if (dataActions.length > 0) problems.push(`${where}: resource "*" for ${dataActions.join(', ')}`);
  }
  if (actionList.some((action) => action.startsWith('s3:'))) {
    for (const resource of resources) {
      if (typeof resource === 'string' && /(\/|:::)\*$/.test(resource)) {
        problems.push(`${where}: S3 access to every object of a bucket (${resource})`);
      }
    }
  }
  return problems;
}

/** Resources whose policy must come from an aws_iam_policy_document (so the rules above see it). */
const POLICY_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_iam_role: 'assume_role_policy',
  aws_iam_role_policy: 'policy',
  aws_iam_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
  aws_s3_bucket_policy: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_sns_topic_policy: 'policy'
};

/** Policies not written as policy documents, and managed-policy attachments (broad by design). */
export function policySourceViolations(module: TerraformModule): string[] {
  const problems: string[] = [];
  for (const [type, attribute] of Object.entries(POLICY_ATTRIBUTES)) {
    for (const [name, body] of Object.entries(module.resources[type] ?? {})) {
      const value = body[attribute];
      if (value !== undefined && !/^\$\{data\.aws_iam_policy_document\.[\w-]+\.json\}$/.test(String(value))) {
        problems.push(`${type}.${name}.${attribute} must be data.aws_iam_policy_document.<name>.json`);
      }
    }
  }
  for (const type of [
    'aws_iam_role_policy_attachment',
    'aws_iam_policy_attachment',
    'aws_iam_user_policy_attachment'
  ]) {
    for (const name of Object.keys(module.resources[type] ?? {})) {
      problems.push(`${type}.${name}: attach an inline least-privilege policy instead of a managed policy`);
    }
  }
  for (const [name, body] of Object.entries(module.resources.aws_iam_role ?? {})) {
    if (body.managed_policy_arns !== undefined)
      problems.push(`aws_iam_role.${name}: managed_policy_arns not allowed`);
  }
  return problems;
}

/** An evaluated policy statement. */
export interface PolicyStatement {
  readonly sid: string | undefined;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly Value[];
  readonly principals: readonly { readonly type: string; readonly identifiers: readonly Value[] }[];
  readonly conditions: readonly {
    readonly test: string;
    readonly variable: string;
    readonly values: readonly Value[];
  }[];
}

const asList = (value: Value | undefined): Value[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

/** The statements of an aws_iam_policy_document data source, evaluated in its module instance. */
export async function evaluatePolicyDocument(document: ResourceInstance): Promise<PolicyStatement[]> {
  const statements = await expandBlocks(document.instance, document.body, 'statement');
  return statements.filter(isObject).map((statement) => ({
    sid: typeof statement.sid === 'string' ? statement.sid : undefined,
    effect: statement.effect === 'Deny' ? 'Deny' : 'Allow',
    actions: asList(statement.actions).map(String),
    resources: asList(statement.resources),
    principals: asList(statement.principals)
      .filter(isObject)
      .map((principal) => ({ type: String(principal.type), identifiers: asList(principal.identifiers) })),
    conditions: asList(statement.condition)
      .filter(isObject)
      .map((condition) => ({
        test: String(condition.test),
        variable: String(condition.variable),
        values: asList(condition.values)
      }))
  }));
}
