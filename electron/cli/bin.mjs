#!/usr/bin/env node
// The `kafkasder` command: loads the TypeScript CLI through tsx, so it runs straight from the repo.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('./main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
