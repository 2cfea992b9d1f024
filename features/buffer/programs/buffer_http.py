"""The reference's twin of buffer_http.mjs: a server answering /buffer with a ready-made reference
Buffer and /string with the same 10 KB string (encoded per request as UTF-8)."""

import http.client
import http.server
import threading

from nodespec.reference.buffer import Buffer

text = "a" * (1024 * 10)
buf_str = Buffer.from_(text)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/buffer":
            body = buf_str  # the buffer protocol: written as it is
        elif self.path == "/string":
            body = Buffer.from_(text)
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
thread = threading.Thread(target=server.serve_forever, daemon=True)
thread.start()
port = server.server_address[1]


def get(path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    res = conn.getresponse()
    body = res.read()
    conn.close()
    return res.status, res.getheader("Content-Length"), body


b = get("/buffer")
t = get("/string")
print(f"buffer_status={b[0]}")
print(f"string_status={t[0]}")
print(f"buffer_bytes={len(b[2])}")
print(f"string_bytes={len(t[2])}")
print(f"buffer_content_length={b[1]}")
print(f"string_content_length={t[1]}")
print(f"same_body={'true' if b[2] == t[2] else 'false'}")
server.shutdown()
server.server_close()
