// Limits for every HTTP server the bot opens. Slack gives up on a request after 3 s, so nothing legitimate
// needs longer: a client that trickles its headers or body is cut off within seconds instead of holding a
// socket for Node's default five minutes, and the number of open sockets is capped.
import type { Server, ServerOptions } from 'node:http';

export const HTTP_LIMITS = {
  /** Whole headers must arrive within this. */
  headersTimeoutMs: 5_000,
  /** The whole request (headers and body) must arrive within this; the server answers 408 and closes. */
  requestTimeoutMs: 5_000,
  /**
   * An idle keep-alive connection is closed after this. Longer than the idle timeout of the proxies and
   * clients in front (60 s is common): a server that closes first races the client's reuse of the socket and
   * the request dies with ECONNRESET. Idle sockets still count against the connection cap.
   */
  keepAliveTimeoutMs: 65_000,
  /** How often Node looks for requests over their timeouts (its default, 30 s, would let them linger). */
  checkEveryMs: 1_000,
  /**
   * Connections the kernel may hold for us before we accept them (Node's default is 511): a burst of clicks
   * on a busy incident is queued instead of reset. The kernel caps it at net.core.somaxconn.
   */
  backlog: 4_096,
  /** Open sockets beyond this are closed at once: file descriptors and memory stay bounded. */
  maxConnections: 10_000,
} as const;

export const serverOptions: ServerOptions = {
  headersTimeout: HTTP_LIMITS.headersTimeoutMs,
  requestTimeout: HTTP_LIMITS.requestTimeoutMs,
  keepAliveTimeout: HTTP_LIMITS.keepAliveTimeoutMs,
  connectionsCheckingInterval: HTTP_LIMITS.checkEveryMs,
};

/** Applies what cannot be given at creation (or what a library's server was created without). */
export function limitServer(server: Server): Server {
  server.headersTimeout = HTTP_LIMITS.headersTimeoutMs;
  server.requestTimeout = HTTP_LIMITS.requestTimeoutMs;
  server.keepAliveTimeout = HTTP_LIMITS.keepAliveTimeoutMs;
  server.maxConnections = HTTP_LIMITS.maxConnections;
  return server;
}
