// Loads amplify/backend.ts exactly as `ampx sandbox` / `ampx pipeline-deploy` do (tsx's ESM API
// from inside the CLI's process, then the 'amplifySynth' message: @aws-amplify/backend-deployer's
// cdk_deployer.js), so a backend that only loads under `node --import tsx` fails the tests too.
// CDK_OUTDIR and CDK_CONTEXT_JSON (the backend's identity) come from the environment.
// GOLIVE_AWS_SOLUTIONS_CHECKS=1 also runs cdk-nag's AwsSolutions pack as a CDK validation plugin
// (ampx itself runs none): its findings land in the assembly's validation-report.json, and
// aws-solutions-checks.json records that it ran and what it concluded (CDK writes no plugin
// report when there is nothing to report).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

const backendFile = new URL('../backend.ts', import.meta.url);
const { backend } = await tsImport(pathToFileURL(backendFile.pathname).toString(), import.meta.url);
if (process.env.GOLIVE_AWS_SOLUTIONS_CHECKS === '1') {
  const app = backend.stack.node.root;
  const checks = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins({
    name: checks.name,
    validate(context) {
      const report = checks.validate(context);
      const record = { ran: true, success: report.success, violations: report.violations.length };
      writeFileSync(join(process.env.CDK_OUTDIR, 'aws-solutions-checks.json'), JSON.stringify(record));
      return report;
    },
  });
}
process.emit('message', 'amplifySynth', undefined);
