// The plugin socket, listened on with node:net before the gRPC server, http2 and TLS are loaded,
// so that the handshake line goes out first. Terraform connects as soon as it reads that
// line; a connection arriving before the gRPC server is ready waits, unread, and is handed
// over when it is.
import { createServer, type Socket } from 'node:net';

export interface EarlyListener {
  /**
   * Hands every waiting connection, and each later one, to `take`, which must attach its
   * reader synchronously (an HTTP/2 or TLS server's 'connection' handler does); reading
   * starts right after.
   */
  handTo(take: (socket: Socket) => void): void;
}

export function listenEarly(socketPath: string): Promise<EarlyListener> {
  const waiting: Socket[] = [];
  let taker: ((socket: Socket) => void) | undefined;
  // pauseOnConnect: no byte is read into JavaScript before the gRPC server's HTTP/2 session
  // consumes the socket itself, so nothing Terraform already sent can be lost.
  const server = createServer({ pauseOnConnect: true }, (socket) => (taker ? taker(socket) : waiting.push(socket)));
  const handOver = (take: (socket: Socket) => void, socket: Socket) => {
    take(socket);
    // A paused socket's handle does not read: HTTP/2 consumes the handle directly and
    // never starts it, so the socket is resumed once its new reader is in place.
    socket.resume();
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve({
        handTo(take) {
          taker = (socket) => handOver(take, socket);
          for (const socket of waiting.splice(0)) {
            taker(socket);
          }
        },
      });
    });
  });
}
