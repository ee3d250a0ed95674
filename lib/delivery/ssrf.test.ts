import { describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { checkUrl, isBlockedAddress, safeRequest, assertPublicHost, guardedLookup } from "./ssrf";

describe("isBlockedAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.255.255.254", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["172.31.255.255", true],
    ["172.32.0.1", false],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["224.0.0.1", true],
    ["255.255.255.255", true],
    ["8.8.8.8", false],
    ["93.184.216.34", false],
    ["::1", true],
    ["::", true],
    ["fc00::1", true],
    ["fd00:ec2::254", true],
    ["fe80::1", true],
    ["ff02::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:1", true],
    ["::ffff:10.0.0.1", true],
    ["::ffff:8.8.8.8", false],
    ["64:ff9b::a9fe:a9fe", true],
    ["2606:4700:4700::1111", false],
    ["not-an-ip", true],
  ])("%s → blocked %s", (ip, blocked) => {
    expect(isBlockedAddress(ip)).toBe(blocked);
  });
});

describe("checkUrl", () => {
  const none = new Set<string>();
  it.each([
    ["ftp://example.com/x", "scheme ftp: is not allowed; use http or https"],
    ["file:///etc/passwd", "scheme file: is not allowed; use http or https"],
    ["gopher://example.com", "scheme gopher: is not allowed; use http or https"],
    ["http://user:pw@example.com/", "credentials in the URL are not allowed"],
    ["http://localhost:3000/", "host localhost is not allowed"],
    ["http://api.localhost/", "host api.localhost is not allowed"],
    ["http://metadata.google.internal/computeMetadata/v1/", "host metadata.google.internal is not allowed"],
    ["http://127.0.0.1/", "address 127.0.0.1 is private, loopback or link-local"],
    ["http://2130706433/", "address 127.0.0.1 is private, loopback or link-local"],
    ["http://0x7f.0.0.1/", "address 127.0.0.1 is private, loopback or link-local"],
    ["http://169.254.169.254/latest/meta-data/", "address 169.254.169.254 is private, loopback or link-local"],
    ["http://[::1]:8080/", "address ::1 is private, loopback or link-local"],
    ["http://[fd12:3456::1]/", "address fd12:3456::1 is private, loopback or link-local"],
    ["http://[::ffff:169.254.169.254]/", "address ::ffff:a9fe:a9fe is private, loopback or link-local"],
    ["not a url", "not a valid URL"],
  ])("refuses %s", (url, message) => {
    expect(() => checkUrl(url, none)).toThrow(message);
  });

  it.each(["https://buyer.example.com/leads", "http://203.0.114.5/x", "https://[2606:4700:4700::1111]/"])(
    "allows %s",
    (url) => {
      expect(checkUrl(url, none).href).toBeTruthy();
    },
  );

  it("the allow-list lets a local test host through", () => {
    expect(checkUrl("http://127.0.0.1:9/", new Set(["127.0.0.1"])).hostname).toBe("127.0.0.1");
  });
});

describe("safeRequest", () => {
  it("refuses a name that resolves to loopback at connect time (the socket's own lookup)", async () => {
    const viaGuard = (allowed: boolean) =>
      new Promise<unknown>((resolve) =>
        guardedLookup(allowed)("localhost", { all: false }, (err, address) => resolve(err ?? address)),
      );
    expect(String(await viaGuard(false))).toMatch(
      /^SsrfError: host localhost resolves to (127\.0\.0\.1|::1), a private, loopback or link-local address$/,
    );
    expect(await viaGuard(true)).toMatch(/^(127\.0\.0\.1|::1)$/);
    await expect(assertPublicHost("http://localhost./", new Set())).rejects.toThrow("host localhost is not allowed");
  });

  it("does not follow redirects, even to allowed hosts", async () => {
    const server = http.createServer((req, res) => {
      if (req.url === "/hop") {
        res.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/" });
        return res.end();
      }
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      const res = await safeRequest({
        url: `http://127.0.0.1:${port}/hop`,
        timeoutMs: 1000,
        allow: new Set(["127.0.0.1"]),
      });
      expect(res.status).toBe(307);
      const refused = await safeRequest({
        url: `http://127.0.0.1:${port}/hop`,
        timeoutMs: 1000,
        allow: new Set(),
      }).catch((e) => e);
      expect(refused).toMatchObject({ kind: "ssrf", message: "address 127.0.0.1 is private, loopback or link-local" });
    } finally {
      server.close();
    }
  });

  it("times out a server that never answers", async () => {
    const server = http.createServer(() => {});
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      const err = await safeRequest({
        url: `http://127.0.0.1:${port}/`,
        timeoutMs: 200,
        allow: new Set(["127.0.0.1"]),
      }).catch((e) => e);
      expect(err).toMatchObject({ kind: "timeout", message: "no answer within 200 ms" });
      expect(err.durationMs).toBeGreaterThanOrEqual(190);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
