// The server end of one WebSocket (RFC 6455) taken over from an HTTP upgrade: the handshake, text messages
// (fragmented or not), ping → pong, and the close handshake from either side.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { closePayload, encodeFrame, FrameParser, OPCODE, type Frame } from './websocket-frame.js';

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface WebSocketHandlers {
  onText(text: string): void;
  onClose(code: number): void;
}

/** Refuses an upgrade with a plain HTTP status. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export class WebSocketConnection {
  private readonly parser = new FrameParser();
  private fragments: Buffer[] = [];
  private fragmentOpcode: number | undefined;
  private closeSent = false;
  private closed = false;

  private constructor(
    private readonly socket: Duplex,
    private readonly handlers: WebSocketHandlers,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // The HTTP server allows half-open sockets: a peer that just hangs up must be hung up on too.
    socket.on('end', () => {
      socket.end();
      this.finish(1006);
    });
    socket.on('close', () => this.finish(1006));
    socket.on('error', () => socket.destroy());
  }

  /** Completes the handshake, or answers 400 and returns undefined when the request is no WebSocket upgrade. */
  static accept(req: IncomingMessage, socket: Duplex, head: Buffer, handlers: WebSocketHandlers): WebSocketConnection | undefined {
    const key = req.headers['sec-websocket-key'];
    const isUpgrade = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
    if (!isUpgrade || typeof key !== 'string' || req.headers['sec-websocket-version'] !== '13') {
      refuseUpgrade(socket, 400, 'Bad Request');
      return undefined;
    }
    const accept = createHash('sha1').update(key + HANDSHAKE_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    const connection = new WebSocketConnection(socket, handlers);
    if (head.length > 0) connection.receive(head);
    return connection;
  }

  get open(): boolean {
    return !this.closed && !this.closeSent;
  }

  sendText(text: string): void {
    if (this.open) this.socket.write(encodeFrame(OPCODE.text, Buffer.from(text, 'utf8')));
  }

  ping(data = ''): void {
    if (this.open) this.socket.write(encodeFrame(OPCODE.ping, Buffer.from(data, 'utf8')));
  }

  /** Starts the close handshake; the peer's close frame (or a 5 s grace) ends the socket. */
  close(code = 1000, reason = ''): void {
    if (this.closed || this.closeSent) return;
    this.closeSent = true;
    this.socket.write(encodeFrame(OPCODE.close, closePayload(code, reason)));
    setTimeout(() => this.socket.destroy(), 5_000).unref();
  }

  /** Drops the connection without a close frame, as a crashed or unplugged server would. */
  terminate(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    const { frames, error } = this.parser.push(chunk);
    for (const frame of frames) this.handle(frame);
    if (error) {
      this.close(error.code, error.reason);
      this.socket.end();
    }
  }

  private handle(frame: Frame): void {
    if (this.closed) return;
    switch (frame.opcode) {
      case OPCODE.ping:
        if (this.open) this.socket.write(encodeFrame(OPCODE.pong, frame.payload));
        return;
      case OPCODE.pong:
        return;
      case OPCODE.close: {
        const code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
        if (!this.closeSent) {
          this.closeSent = true;
          this.socket.write(encodeFrame(OPCODE.close, frame.payload.length >= 2 ? frame.payload.subarray(0, 2) : Buffer.alloc(0)));
        }
        this.socket.end();
        this.finish(code);
        return;
      }
      case OPCODE.text:
      case OPCODE.binary:
        this.fragmentOpcode = frame.opcode;
        this.fragments = [frame.payload];
        break;
      case OPCODE.continuation:
        if (this.fragmentOpcode === undefined) return this.close(1002, 'continuation without a message');
        this.fragments.push(frame.payload);
        break;
      default:
        return this.close(1002, 'unknown opcode');
    }
    if (!frame.fin) return;
    const opcode = this.fragmentOpcode;
    const data = Buffer.concat(this.fragments);
    this.fragments = [];
    this.fragmentOpcode = undefined;
    if (opcode === OPCODE.text) this.handlers.onText(data.toString('utf8'));
  }

  private finish(code: number): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.onClose(code);
  }
}
