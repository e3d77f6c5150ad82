/**
 * A stand-in for CloudFormation's API (AWS cannot run here) that speaks its real wire protocol
 * (AWS Query: form-encoded POST in, XML out) for the two calls Amplify makes to read a deployed
 * backend's outputs: GetTemplateSummary (the template's Metadata) and DescribeStacks (its Outputs).
 * So the real @aws-sdk/client-cloudformation and Amplify's outputs generator are what run.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DeployedStack {
  stackName: string;
  /** The template's Metadata, as deployed. */
  metadata: unknown;
  /** Output key -> deployed value. */
  outputs: Record<string, string>;
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function respond(action: string, result: string): string {
  return `<${action}Response xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></${action}Response>`;
}

function answer(stack: DeployedStack, action: string | null): { status: number; body: string } {
  switch (action) {
    case 'GetTemplateSummary':
      return {
        status: 200,
        body: respond(action, `<Metadata>${xml(JSON.stringify(stack.metadata))}</Metadata>`),
      };
    case 'DescribeStacks': {
      const outputs = Object.entries(stack.outputs)
        .map(
          ([key, value]) =>
            `<member><OutputKey>${xml(key)}</OutputKey><OutputValue>${xml(value)}</OutputValue></member>`,
        )
        .join('');
      const member = `<member><StackName>${xml(stack.stackName)}</StackName><StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/${xml(stack.stackName)}/1</StackId><StackStatus>CREATE_COMPLETE</StackStatus><CreationTime>2026-11-26T00:00:00Z</CreationTime><Outputs>${outputs}</Outputs></member>`;
      return { status: 200, body: respond(action, `<Stacks>${member}</Stacks>`) };
    }
    default:
      return {
        status: 400,
        body: `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${xml(String(action))} is not served here</Message></Error></ErrorResponse>`,
      };
  }
}

export async function startCloudFormationStub(
  stack: DeployedStack,
): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const { status, body } = answer(stack, form.get('Action'));
      response.writeHead(status, { 'content-type': 'text/xml' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
