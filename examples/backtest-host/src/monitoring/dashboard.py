"""Monitoring dashboard (demo): serves the dashboard page and /api/status over HTTP on :8080.

Usage: python src/monitoring/dashboard.py [--port 8080]   (--port 0 picks a free port and prints it)
"""
import argparse
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = b"<!doctype html><html><head><title>Backtest Monitoring Dashboard</title></head><body>running</body></html>"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/api/status":
            body, kind = json.dumps({"status": "running", "strategies": 6}).encode(), "application/json"
        else:
            body, kind = PAGE, "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"Dashboard listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
