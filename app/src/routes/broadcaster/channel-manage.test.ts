/**
 * A seller renames a channel and deletes one from the broadcaster page: the new name is what
 * viewers read; deleting asks first, can be called off, and takes the channel (and its IVS
 * channel) away for good, leaving the seller on another channel.
 */
import { GetChannelCommand, ResourceNotFoundException } from '@aws-sdk/client-ivs';
import * as op from '@golive/common/api-operations';
import { call, ivsChannelArn, ivsClient } from '@golive/local/testing/api-clients';
import { useApiStack } from '@golive/local/testing/api-stack';
import { demoUser, useAppBrowser } from '../../testing/app-browser';
import { createChannel, openBroadcaster } from '../../testing/seller-steps';

const api = useApiStack('app-channel-manage', { TRANSWRAP_INSTANCES: '0' });
const app = useAppBrowser(api);

test('a seller renames a channel, thinks twice about deleting it, then deletes another', async () => {
  const { page } = app.current;
  const { username, password } = demoUser(api.stack.info, 'sellers');
  await app.current.signIn(username, password);
  await openBroadcaster(app.current, { adaptive: true });
  await createChannel(app.current, 'Spring sale');
  await createChannel(app.current, 'Leftovers');
  const picker = page.getByLabel('Channel', { exact: true });

  await picker.selectOption({ label: 'Spring sale' });
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('Channel name').fill('Summer sale');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByRole('option', { name: 'Summer sale' }).waitFor({ state: 'attached' });
  const id = await picker.inputValue();
  const read = await call<op.ChannelQuery>(api.who.clients.viewer, op.CHANNEL, { id });
  expect(read.data?.channel?.name).toBe('Summer sale');

  await picker.selectOption({ label: 'Leftovers' });
  const leftovers = await picker.inputValue();
  await page.getByRole('button', { name: 'Delete channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Leftovers?' });
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(await picker.inputValue()).toBe(leftovers);

  await page.getByRole('button', { name: 'Delete channel' }).click();
  await dialog.getByRole('button', { name: 'Delete channel' }).click();
  await page.getByRole('option', { name: 'Leftovers' }).waitFor({ state: 'detached' });
  expect(await picker.inputValue()).toBe(id);
  expect(
    (await call<op.ChannelQuery>(api.who.clients.viewer, op.CHANNEL, { id: leftovers })).data?.channel,
  ).toBeNull();
  const ivs = ivsClient(api.stack.info);
  await expect(
    ivs.send(new GetChannelCommand({ arn: ivsChannelArn(api.stack.info, leftovers) })),
  ).rejects.toBeInstanceOf(ResourceNotFoundException);
  ivs.destroy();
  expect(app.current.errors).toEqual([]);
}, 120_000);
