/**
 * The channels the bench's streams go live on, made the way a seller makes them: through the API,
 * the stream key then read from the local IVS as the owner could in the console (the baseline
 * publishes with it). A seller owns 20 channels at most, so sellers are created as needed.
 */
import type { ApolloClient } from '@apollo/client';
import { GetStreamKeyCommand, IvsClient, ListStreamKeysCommand } from '@aws-sdk/client-ivs';
import * as op from '@golive/common/api-operations';
import { LOCAL_ACCOUNT_ID } from '@golive/local/credentials';
import { apolloClient, authFor, call, createUser, signIn } from '@golive/local/testing/api-clients';
import type { LocalStackInfo } from '@golive/local/stack-info';

interface Seller {
  client: ApolloClient;
  /** The seller's Cognito ID token: startBroadcast's auth, and `hello` names the seller with it. */
  token: string;
  owned: number;
}

export class Channels {
  private readonly sellers: Seller[] = [];
  private readonly owners = new Map<string, Seller>();
  private creatingSeller?: Promise<void>;
  private readonly ivs: IvsClient;

  constructor(private readonly info: LocalStackInfo) {
    this.ivs = new IvsClient({
      endpoint: info.ivs.endpoint,
      region: info.region,
      credentials: { ...info.credentials },
    });
  }

  private async seller(): Promise<Seller> {
    for (;;) {
      const free = this.sellers.find((seller) => seller.owned < 20);
      if (free) return free;
      this.creatingSeller ??= (async () => {
        const username = `bench-seller-${this.sellers.length + 1}@example.com`;
        await createUser(this.info, username, 'Bench-seller-1', ['sellers']);
        const token = await signIn(this.info, username, 'Bench-seller-1');
        this.sellers.push({
          client: apolloClient(this.info, authFor(this.info, 'seller', { seller: token })),
          token,
          owned: 0,
        });
      })().finally(() => (this.creatingSeller = undefined));
      await this.creatingSeller;
    }
  }

  /** A new channel and its stream key (read from the local IVS, as its owner could in the console). */
  async create(name: string): Promise<{ channelId: string; key: string }> {
    const seller = await this.seller();
    seller.owned++;
    const created = await call<{ createChannel: { id: string } }>(seller.client, op.CREATE_CHANNEL, { name });
    const channelId = created.data?.createChannel.id;
    if (!channelId) throw new Error(`createChannel failed: ${JSON.stringify(created.errors)}`);
    this.owners.set(channelId, seller);
    const channelArn = `arn:aws:ivs:${this.info.region}:${LOCAL_ACCOUNT_ID}:channel/${channelId}`;
    const { streamKeys } = await this.ivs.send(new ListStreamKeysCommand({ channelArn }));
    const { streamKey } = await this.ivs.send(new GetStreamKeyCommand({ arn: streamKeys?.[0]?.arn }));
    if (!streamKey?.value) throw new Error(`no stream key for ${channelId}`);
    return { channelId, key: streamKey.value };
  }

  ownerOf(channelId: string): Seller {
    const owner = this.owners.get(channelId);
    if (!owner) throw new Error(`unknown channel ${channelId}`);
    return owner;
  }

  stop(): void {
    for (const seller of this.sellers) seller.client.stop();
    this.ivs.destroy();
  }
}
