/**
 * The admin GraphQL console served at GET /graphql: sign in (or use the API key), write a query and
 * variables, run it against the same endpoint and auth as the apps. A small self-contained page
 * (no CDN: the local stack works offline); the PWA's admin area gets the full GraphiQL (issue 7).
 */
const EXAMPLE = `query Overview {
  channels(limit: 20) { items { id name owner status updatedAt } nextToken }
  endpoints { items { id url status sessions capacity load heartbeatAt } }
}`;

export function consolePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GoLive GraphQL console</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; padding: 1rem; display: grid; gap: .75rem; max-width: 72rem; margin-inline: auto; }
  form, .row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
  label { display: grid; gap: .25rem; font-size: .875rem; }
  textarea, pre { font: 13px/1.4 ui-monospace, monospace; width: 100%; box-sizing: border-box; }
  textarea { min-height: 12rem; }
  pre { min-height: 8rem; padding: .75rem; border: 1px solid #8886; border-radius: .5rem; overflow: auto; white-space: pre-wrap; }
  button { padding: .5rem 1rem; font: inherit; }
  #status { font-size: .875rem; }
</style>
</head>
<body>
<h1>GraphQL console</h1>
<form id="signin">
  <label>Email <input name="username" type="email" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button>Sign in</button>
  <label><span>or API key</span><input name="apiKey" autocomplete="off"></label>
</form>
<p id="status" role="status">Not signed in. Admin queries need an admin account.</p>
<label>Query <textarea id="query" spellcheck="false">${EXAMPLE}</textarea></label>
<label>Variables (JSON) <textarea id="variables" spellcheck="false" style="min-height:4rem">{}</textarea></label>
<div class="row"><button id="run" type="button">Run (Ctrl+Enter)</button></div>
<pre id="result" aria-live="polite" tabindex="0"></pre>
<script>
  let idToken = sessionStorage.getItem('console-token');
  const status = document.getElementById('status');
  const form = document.getElementById('signin');
  if (idToken) status.textContent = 'Signed in.';
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const response = await fetch('/graphql/console/sign-in', { method: 'POST', body: JSON.stringify({ username: data.get('username'), password: data.get('password') }) });
    const body = await response.json();
    if (!response.ok) { status.textContent = body.errors[0].message; return; }
    idToken = body.idToken;
    sessionStorage.setItem('console-token', idToken);
    status.textContent = 'Signed in as ' + data.get('username') + '.';
  });
  async function run() {
    const apiKey = new FormData(form).get('apiKey');
    const headers = { 'content-type': 'application/json' };
    if (apiKey) headers['x-api-key'] = apiKey; else if (idToken) headers.authorization = idToken;
    let variables;
    try { variables = JSON.parse(document.getElementById('variables').value || '{}'); }
    catch { document.getElementById('result').textContent = 'Variables are not valid JSON.'; return; }
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: document.getElementById('query').value, variables }) });
    document.getElementById('result').textContent = JSON.stringify(await response.json(), null, 2);
  }
  document.getElementById('run').addEventListener('click', run);
  document.addEventListener('keydown', (event) => { if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) run(); });
</script>
</body>
</html>`;
}
