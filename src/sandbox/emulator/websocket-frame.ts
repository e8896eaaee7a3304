// RFC 6455 framing for the emulator's Socket Mode side: server frames are never masked, client frames must be.

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface Frame {
  readonly fin: boolean;
  readonly opcode: number;
  readonly payload: Buffer;
}

/** Why a byte stream is not acceptable WebSocket input, as the close code to answer it with. */
export interface FrameError {
  readonly code: 1002 | 1009;
  readonly reason: string;
}

const MAX_PAYLOAD = 16 * 1024 * 1024;

/** One unmasked server frame. */
export function encodeFrame(opcode: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.alloc(2) : length <= 0xffff ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | opcode;
  if (length < 126) head[1] = length;
  else if (length <= 0xffff) {
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([head, payload]);
}

/** A close frame's payload: the status code, then a UTF-8 reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(code, 0);
  return Buffer.concat([out, Buffer.from(reason, 'utf8')]);
}

/** Splits a client byte stream into unmasked frames; bytes of an incomplete frame wait for the next push. */
export class FrameParser {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): { frames: Frame[]; error?: FrameError } {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: Frame[] = [];
    for (;;) {
      const b = this.buffered;
      if (b.length < 2) return { frames };
      const first = b[0] as number;
      const second = b[1] as number;
      if ((first & 0x70) !== 0) return { frames, error: { code: 1002, reason: 'reserved bits set' } };
      if ((second & 0x80) === 0) return { frames, error: { code: 1002, reason: 'client frames must be masked' } };
      let length = second & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) return { frames };
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) return { frames };
        const big = b.readBigUInt64BE(2);
        if (big > BigInt(MAX_PAYLOAD)) return { frames, error: { code: 1009, reason: 'frame too large' } };
        length = Number(big);
        offset = 10;
      }
      if (length > MAX_PAYLOAD) return { frames, error: { code: 1009, reason: 'frame too large' } };
      const opcode = first & 0x0f;
      if (opcode >= 0x8 && (length > 125 || (first & 0x80) === 0)) return { frames, error: { code: 1002, reason: 'bad control frame' } };
      if (b.length < offset + 4 + length) return { frames };
      const mask = b.subarray(offset, offset + 4);
      const payload = Buffer.from(b.subarray(offset + 4, offset + 4 + length));
      for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
      frames.push({ fin: (first & 0x80) !== 0, opcode, payload });
      this.buffered = b.subarray(offset + 4 + length);
    }
  }
}
