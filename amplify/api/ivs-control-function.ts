/**
 * The IvsControl Lambda (resolvers/src/lambda/ivs-control.ts): the only code that calls IVS or
 * reads a stream key. Its role may do only what that code does, and only to this deployment's
 * channels: they carry the `golive:deployment` tag it sets when it creates them.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { DEPLOYMENT_TAG } from '@golive/resolvers/lambda/ivs-control';
import type { DeploymentSettings } from '../settings';
import { REPO_ROOT } from '../repo-root';

export class IvsControlFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, settings: DeploymentSettings) {
    super(scope, id);
    const { region, account } = Stack.of(this);
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, 'resolvers/src/lambda/ivs-control.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      timeout: Duration.seconds(10),
      memorySize: 256,
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      environment: { DEPLOYMENT_ID: settings.deploymentId },
      logGroup: new LogGroup(this, 'Logs', {
        retention: settings.logRetention,
        // Logs age out by retention; nothing to keep once the deployment is gone.
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      bundling: { minify: true, sourceMap: true },
    });
    const channels = `arn:aws:ivs:${region}:${account}:channel/*`;
    const streamKeys = `arn:aws:ivs:${region}:${account}:stream-key/*`;
    const ownChannel = { StringEquals: { [`aws:ResourceTag/${DEPLOYMENT_TAG}`]: settings.deploymentId } };
    // IVS authorizes CreateChannel, DeleteChannel and ListStreamKeys on the channel AND its stream
    // key (Service Authorization Reference), each against its own statement: the channel side is
    // where the deployment's tag is checked; a stream key is only reachable through its channel.
    const statements = [
      // A channel and its stream key, created with this deployment's tag (tagging is part of it).
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ivs:CreateChannel', 'ivs:TagResource'],
        resources: [channels, streamKeys],
        conditions: { StringEquals: { [`aws:RequestTag/${DEPLOYMENT_TAG}`]: settings.deploymentId } },
      }),
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ivs:GetChannel', 'ivs:DeleteChannel', 'ivs:StopStream', 'ivs:ListStreamKeys'],
        resources: [channels],
        conditions: ownChannel,
      }),
      // The stream-key half of DeleteChannel and ListStreamKeys, and GetStreamKey (claimIngest only).
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ivs:DeleteChannel', 'ivs:ListStreamKeys', 'ivs:GetStreamKey'],
        resources: [streamKeys],
      }),
    ];
    for (const statement of statements) this.function.addToRolePolicy(statement);
  }
}
