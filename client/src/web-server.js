// `scv web`: serves the web app's static build (client/web/dist) and a /config.json that points
// it at a node. Node's http only; GET and HEAD; nothing outside the build directory is served.
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build:web` puts the app. */
export const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm'
};

/**
 * Starts the web server; resolves once it listens.
 * @param {{node: string, host?: string, port?: number, dist?: string}} o `node`: the node's
 *   WebSocket URL the app connects to
 */
export async function startWebServer ({ node, host = '127.0.0.1', port = 0, dist = WEB_DIST }) {
  const root = resolve(dist);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`no web app build in ${root}: run \`npm --prefix client run build:web\``);
  }
  const config = JSON.stringify({ node });
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://web').pathname);
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : config);
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'
    });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  });
  await new Promise((r) => server.listen(port, host, r));
  const address = server.address();
  return {
    url: `http://${address.address}:${address.port}`,
    stop: () => new Promise((r) => { server.closeAllConnections(); server.close(r); })
  };
}
