/**
 * The AWS deployment (`npm run deploy:sandbox`, `npm run deploy`): Amplify Gen 2 for sign-in,
 * custom CDK for what Amplify has no construct for. See README.md for the whole picture.
 */
import { defineBackend } from '@aws-amplify/backend';
import { Stack, Tags } from 'aws-cdk-lib';
import { auth } from './auth/resource';
import { acknowledgeAmplifyFindings } from './accepted-findings';
import { acknowledgeAuthFindings } from './auth/accepted-findings';
import { applyUserPoolSettings } from './auth/user-pool-settings';
import { GoLiveApi } from './api/golive-api';
import { bundledResolverCode } from './api/resolver-code';
import { clientOutputs } from './client-outputs';
import { EventRules } from './events/event-rules';
import { ViewerCountPoller } from './events/viewer-count-poller';
import { TranswrapService } from './ingest/transwrap-service';
import { OperatorAlarms } from './operations/alarms';
import { deploymentSettings, type DeploymentType } from './settings';

export const backend = defineBackend({ auth });
const root = Stack.of(backend.stack);
const type = root.node.getContext('amplify-backend-type') as DeploymentType;
const settings = deploymentSettings(type, root.stackName, process.env);
Tags.of(root).add('golive:deployment', settings.deploymentId);

// The PWA signs in with USER_PASSWORD_AUTH over Cognito's JSON API (no SDK: app/src/auth).
backend.auth.resources.cfnResources.cfnUserPoolClient.explicitAuthFlows = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_SRP_AUTH',
];

// Nobody needs AWS credentials as a guest: viewers read the API with its public key.
backend.auth.resources.cfnResources.cfnIdentityPool.allowUnauthenticatedIdentities = false;

// Emails through SES, and a branch's accounts kept safe from its stack's deletion.
applyUserPoolSettings(
  {
    userPool: backend.auth.resources.cfnResources.cfnUserPool,
    groups: Object.values(backend.auth.resources.groups).map((group) => group.cfnUserGroup),
  },
  settings,
);
acknowledgeAuthFindings(backend.auth.resources.cfnResources.cfnUserPool);
acknowledgeAmplifyFindings(root);

const { userPool, userPoolClient } = backend.auth.resources;
const api = new GoLiveApi(backend.createStack('api'), 'GoLive', {
  userPool,
  code: bundledResolverCode(),
  settings,
});
const transwrap = new TranswrapService(backend.createStack('ingest'), 'Transwrap', {
  api: api.api,
  userPool,
  userPoolClient,
  settings,
});
const events = new EventRules(backend.createStack('events'), 'Events', {
  api: api.api,
  cluster: transwrap.cluster,
});
new ViewerCountPoller(backend.createStack('viewers'), 'ViewerCounts', {
  api: api.api,
  logRetention: settings.logRetention,
});
new OperatorAlarms(backend.createStack('operations'), 'Alarms', {
  api: api.api,
  ivsControl: api.ivsControl.function,
  transwrapTargets: transwrap.targets,
  transwrapLoad: transwrap.load,
  undeliveredEvents: events.undelivered,
  email: settings.alarmEmail,
});

backend.addOutput(clientOutputs(api.api, root.region, transwrap.publicUrl, settings.deploymentId));
