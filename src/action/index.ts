#!/usr/bin/env node
// Entry point of the GitHub Action (action.yml runs it with the inputs as INPUT_* variables).
import { runAction } from './run.js';

process.exitCode = await runAction(process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: false,
});
