'use strict';
// Tests run on the developers' Node 20 (Lambda runs Node 22). The AWS SDK then prints a
// NodeVersionSupportWarning on stderr once per process, and Rush counts any stderr output of a test run
// as a warning (exit code 1). The SDK's own switch turns it off in every test process; set it only if
// nobody chose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
