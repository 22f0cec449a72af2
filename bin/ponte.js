#!/usr/bin/env node
'use strict';
// Runs the compiled command line; builds it first on a fresh clone where `dist/` is missing.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.join(__dirname, '..');
const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}
require(entry)
  .runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env })
  .then((code) => { process.exitCode = code; });
