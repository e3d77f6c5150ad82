// Loads amplify/backend.ts exactly as `ampx sandbox` / `ampx pipeline-deploy` do (tsx's ESM API
// from inside the CLI's process, then the 'amplifySynth' message: @aws-amplify/backend-deployer's
// cdk_deployer.js), so a backend that only loads under `node --import tsx` fails the tests too.
// CDK_OUTDIR and CDK_CONTEXT_JSON (the backend's identity) come from the environment.
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const backend = new URL('../backend.ts', import.meta.url);
await tsImport(pathToFileURL(backend.pathname).toString(), import.meta.url);
process.emit('message', 'amplifySynth', undefined);
