#!/usr/bin/env node
// The headless CLI. Runs the TypeScript sources through tsx so it works right
// after `npm install`, without a build step.
import { register } from 'tsx/esm/api';

register();
const entry = new URL('../main/cli/index.ts', import.meta.url);
await import(entry.href);
