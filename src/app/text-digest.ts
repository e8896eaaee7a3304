// The SHA-256 of a text's UTF-8 bytes, fed to the hash in pieces: given a whole report (megabytes), Node
// encodes it into one buffer of memory fresh from the system, which costs more than the hashing.
import { createHash } from 'node:crypto';

const PIECE = 16_384;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * Hex SHA-256 of the text as UTF-8, the same as hashing it in one piece.
 * @example textDigest('abc') //=> 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function textDigest(text: string, piece = PIECE): string {
  const digest = createTextDigest(piece);
  digest.update(text);
  return digest.hex();
}

/** A digest fed text in parts; a part must not end between the halves of a surrogate pair. */
export interface TextDigest {
  update(text: string): void;
  hex(): string;
}

export function createTextDigest(piece = PIECE): TextDigest {
  const hash = createHash('sha256');
  return {
    update(text) {
      let from = 0;
      while (from < text.length) {
        let to = Math.min(text.length, from + piece);
        // Never between the halves of a surrogate pair: each half alone would be encoded as U+FFFD.
        while (to < text.length && isHighSurrogate(text.charCodeAt(to - 1))) to += 1;
        hash.update(text.slice(from, to));
        from = to;
      }
    },
    hex: () => hash.digest('hex'),
  };
}
