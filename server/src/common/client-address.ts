import type { Request } from 'express';

/** request.ip: the socket's peer, or X-Forwarded-For's client when the peer is in TRUSTED_PROXIES (app.ts). */
export const clientAddress = (request: Request) => request.ip ?? request.socket.remoteAddress ?? '';
