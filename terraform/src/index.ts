export { findRepoRoot } from './repo-root';
export { findTerraformFolders, type TerraformFolder } from './terraform-files';
export { parseHclFile, parseExpression } from './hcl-parser';
export { loadTerraformModule, type TerraformModule } from './terraform-module';
export { evaluateHclValue, evaluateExpressionText } from './expression-evaluator';
export { ModuleInstance, PLAN_TIME_FACTS } from './module-instance';
export { Unknown } from './terraform-value';
