// A short address for `npm start`: http://127.0.0.1:PORT/ answers every request with a redirect
// to the workbench URL, whose query (the folder and the file to open) runs to some 250
// characters. Bound to 127.0.0.1 only, like code-server itself.
import { createServer } from 'node:http';

/**
 * Listens on `port` (0: a free one) and redirects to `target`. Resolves with the short URL.
 * @param {string} target
 * @param {number} port
 * @returns {Promise<{ url: string, close: () => void }>}
 */
export function startRedirect(target, port) {
  const server = createServer((_req, res) => {
    res.writeHead(302, { Location: target, 'Cache-Control': 'no-store' });
    res.end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({ url: `http://127.0.0.1:${actual}/`, close: () => server.close() });
    });
  });
}
