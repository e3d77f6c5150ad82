/** Query.channels (channels table): every channel. The schema admits admins only. */
export { request, response } from '../lib/scan-page';
