'use strict';
module.exports = require('@reporting/node-rig/profiles/default/includes/eslint/node');
