// A bare Node http server that answers POST /v1/score with a fixed score of the same shape and
// size as the API's: the most one Node process on this machine can answer, the floor bench:edge
// sets the API's figures beside. Usage: node hello-node.js <port> <backlog>
import { createServer } from 'node:http';
import { HELLO_SCORE } from './hello-score.js';

const [port = '0', backlog = '511'] = process.argv.slice(2);
createServer((req, res) => {
  // Read the body to its end, as any server that looks at it must.
  req.resume();
  req.on('end', () => {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(HELLO_SCORE);
  });
}).listen(Number(port), '127.0.0.1', Number(backlog));
