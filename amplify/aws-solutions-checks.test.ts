/**
 * AWS's own best-practice checks, offline: cdk-nag's AwsSolutions pack run over every synthesized
 * stack (a sandbox and a branch deployment). What it asks for is done, or acknowledged where the
 * construct is made, with the reason written there; nothing is left unanswered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useSynthesizedBackend, type SynthesizedBackend } from './testing/synthesize';

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: {
      ruleName: string;
      description: string;
      violatingConstructs: { constructPath: string }[];
    }[];
  }[];
}

/** What the checks found and nobody acknowledged: rule, resource, and what is wrong. */
function unanswered(backend: SynthesizedBackend): string[] {
  const report = JSON.parse(
    readFileSync(join(backend.dir, 'validation-report.json'), 'utf8'),
  ) as ValidationReport;
  // The checks ran (CDK's report says nothing of a plugin that found nothing).
  const record = JSON.parse(readFileSync(join(backend.dir, 'aws-solutions-checks.json'), 'utf8')) as {
    ran: boolean;
  };
  expect(record.ran).toBe(true);
  const awsSolutions = report.pluginReports.filter((plugin) => plugin.pluginName === 'AwsSolutions');
  return awsSolutions
    .flatMap((plugin) => plugin.violations)
    .flatMap((violation) =>
      violation.violatingConstructs.map(
        (construct) => `${violation.ruleName} at ${construct.constructPath}: ${violation.description}`,
      ),
    );
}

/** Every acknowledged AwsSolutions finding, with its reason, from the assembly's metadata. */
function acknowledged(backend: SynthesizedBackend): { id: string; reason: string }[] {
  const metadata = JSON.parse(
    readFileSync(join(backend.dir, `${backend.rootStackName}.metadata.json`), 'utf8'),
  ) as Record<string, { type: string; data: Record<string, string> }[]>;
  return Object.values(metadata)
    .flat()
    .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
    .flatMap((entry) => Object.entries(entry.data))
    .filter(([id]) => id.includes('AwsSolutions-'))
    .map(([id, reason]) => ({ id, reason }));
}

describe.each([
  ['a sandbox', {}],
  [
    'a branch deployment',
    {
      type: 'branch' as const,
      env: {
        AWS_APP_ID: 'd1a2b3c4',
        AWS_BRANCH: 'main',
        GOLIVE_EMAIL_FROM: 'GoLive <no-reply@live.example.com>',
        GOLIVE_SES_IDENTITY_ARN: 'arn:aws:ses:eu-west-1:123456789012:identity/live.example.com',
      },
    },
  ],
])('AWS Solutions checks over %s', (_name, options) => {
  const backend = useSynthesizedBackend({ ...options, awsSolutionsChecks: true });

  it('leave no finding unanswered', () => {
    expect(unanswered(backend())).toEqual([]);
  });

  it('are acknowledged only with a written reason', () => {
    const all = acknowledged(backend());
    expect(all.length).toBeGreaterThan(10);
    const unexplained = all.filter(({ reason }) => reason.trim().split(/\s+/).length < 8);
    expect(unexplained).toEqual([]);
  });
});
