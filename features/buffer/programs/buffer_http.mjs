// The document's HTTP example: one server answers /buffer with a ready-made Buffer and /string with
// the same 10 KB string. Both answers carry the same bytes. Prints key=value lines.
import http from 'node:http';

let s = '';
for (let i = 0; i < 1024 * 10; i++) s += 'a';
const str = s;
const bufStr = Buffer.from(s);

const server = http.createServer((req, res) => {
  if (req.url === '/buffer') res.end(bufStr);
  else if (req.url === '/string') res.end(str);
  else { res.statusCode = 404; res.end(); }
});

function get(port, path) {
  return new Promise((resolve, reject) => {
    http.get({ port, path, host: '127.0.0.1', agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  const b = await get(port, '/buffer');
  const t = await get(port, '/string');
  console.log(`buffer_status=${b.status}`);
  console.log(`string_status=${t.status}`);
  console.log(`buffer_bytes=${b.body.length}`);
  console.log(`string_bytes=${t.body.length}`);
  console.log(`buffer_content_length=${b.headers['content-length']}`);
  console.log(`string_content_length=${t.headers['content-length']}`);
  console.log(`same_body=${b.body.equals(t.body)}`);
  server.close();
});
