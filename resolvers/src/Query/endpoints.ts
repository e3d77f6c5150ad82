/** Query.endpoints (endpoints table): every transwrap endpoint. The schema admits admins only. */
export { request, response } from '../lib/scan-page';
