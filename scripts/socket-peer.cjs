// Preloaded into `next start` by scripts/start.mjs (node --require). Next's route handlers never
// see the socket, and Next fills X-Forwarded-For with the peer only when the client sent none
// (`??=` in next/dist/server/base-server.js), so a client-written X-Forwarded-For would be
// indistinguishable from the real peer. This writes the socket's peer address into a header of
// our own on every request, replacing any copy the client sent, before Next sees the request.
// lib/api/request.ts clientIp() trusts that header only when TLG_SOCKET_PEER=1 (set here).
"use strict";
const http = require("node:http");
const https = require("node:https");

const HEADER = "x-tlg-socket-peer";
process.env.TLG_SOCKET_PEER = "1";

for (const mod of [http, https]) {
  const create = mod.createServer;
  mod.createServer = function createServerWithPeer(...args) {
    const server = create.apply(this, args);
    server.prependListener("request", (req) => {
      req.headers[HEADER] = req.socket.remoteAddress || "";
    });
    return server;
  };
}
