/**
 * The IvsControl Lambda (resolvers/src/lambda/ivs-control.ts): the only code that calls IVS or
 * reads a stream key. Its role may do only what that code does, and only to this deployment's
 * channels and stream keys: they carry the `golive:deployment` tag it sets when it creates them,
 * and it may tag nothing after the fact.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { DEPLOYMENT_TAG } from '@golive/resolvers/lambda/ivs-control';
import type { DeploymentSettings } from '../settings';
import { projectFunction } from '../project-function';

export class IvsControlFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, settings: DeploymentSettings) {
    super(scope, id);
    const { region, account } = Stack.of(this);
    this.function = projectFunction(this, {
      entry: 'resolvers/src/lambda/ivs-control.ts',
      timeout: Duration.seconds(10),
      environment: { DEPLOYMENT_ID: settings.deploymentId },
      logRetention: settings.logRetention,
    });
    const channels = `arn:aws:ivs:${region}:${account}:channel/*`;
    const streamKeys = `arn:aws:ivs:${region}:${account}:stream-key/*`;
    const tagged = { StringEquals: { [`aws:ResourceTag/${DEPLOYMENT_TAG}`]: settings.deploymentId } };
    // IVS authorizes CreateChannel, DeleteChannel and ListStreamKeys against the channel AND its
    // stream key, GetStreamKey against the key alone (Service Authorization Reference), each
    // resource against its own statement. The deployment's tag decides what is ours: CreateChannel
    // puts it on the channel and on the stream key IVS makes with it. Tagging is granted to nothing
    // (CreateChannel's tags need no ivs:TagResource): whoever may add our tag may take a resource.
    const statements = [
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ivs:CreateChannel'],
        resources: [channels, streamKeys],
        conditions: { StringEquals: { [`aws:RequestTag/${DEPLOYMENT_TAG}`]: settings.deploymentId } },
      }),
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [
          'ivs:GetChannel',
          'ivs:DeleteChannel',
          'ivs:StopStream',
          'ivs:PutMetadata',
          'ivs:ListStreamKeys',
        ],
        resources: [channels],
        conditions: tagged,
      }),
      // The secret: readable only on this deployment's stream keys (claimIngest).
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ivs:GetStreamKey'],
        resources: [streamKeys],
        conditions: tagged,
      }),
      // The key side of two channel calls, which the channel statement above already confines to
      // this deployment's channels (IVS needs both). ListStreamKeys names a channel, not a key: a
      // tag condition on its key side might find no key to read tags from, and would add nothing;
      // it returns key ARNs, never their values.
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ivs:DeleteChannel', 'ivs:ListStreamKeys'],
        resources: [streamKeys],
      }),
    ];
    for (const statement of statements) this.function.addToRolePolicy(statement);
    const runTimeIds =
      'IVS makes channel and stream key ids at run time, so the ARN is fixed up to the id; which ones this role may touch is decided by the deployment’s tag (conditions above), and security.test.ts evaluates that.';
    Validations.of(this.function.role!).acknowledge(
      ...['channel', 'stream-key'].map((type) => ({
        // How cdk-nag writes the ARN above (pseudo parameters in angle brackets).
        id: `AwsSolutions-IAM5[Resource::arn:aws:ivs:<AWS::Region>:<AWS::AccountId>:${type}/*]`,
        reason: runTimeIds,
      })),
    );
  }
}
