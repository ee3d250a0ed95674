// A self-signed certificate for 127.0.0.1, made once per run before the server starts: the
// server trusts it (NODE_EXTRA_CA_CERTS) so e2e webhook receivers can be https, as campaign
// delivery URLs must be. Debian's openssl; nothing is downloaded.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Not under test-results/: Playwright empties that folder after the config has loaded.
export function localCertificate(dir = path.join(tmpdir(), "titan-e2e-tls")): { cert: string; key: string } {
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  if (!existsSync(cert) || !existsSync(key)) {
    mkdirSync(dir, { recursive: true });
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      { stdio: "ignore" },
    );
  }
  return { cert, key };
}
