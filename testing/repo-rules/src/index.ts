export {
  checkDependencies,
  formatViolations,
  RULES_FILE,
  SOURCE_GLOBS,
  type Violation
} from './check-dependencies';
