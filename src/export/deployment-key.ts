import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * The deployment's Ed25519 signing key, created on first use and kept as PEM files: by default
 * next to the SQLite database (`<DATABASE_PATH>.ed25519.pem` and `.ed25519.pub.pem`), so a backup
 * of the data folder keeps the identity its signed checkpoints refer to; `SIGNING_KEY_PATH` names
 * the private key's file instead (a deployment on PostgreSQL keeps it where it was).
 */
export interface DeploymentKey {
  publicKeyPem: string;
  /** SHA-256 of the public key's DER bytes, hex: what the parties compare (`tail -n +2 public-key.pem | head -n -1 | base64 -d | sha256sum`). */
  fingerprint: string;
  sign(statement: string): string;
}

/** The private key's file: SIGNING_KEY_PATH, or beside the SQLite database. */
export function signingKeyPath(signingKeyPathSetting: string | undefined, databasePath: string): string {
  if (signingKeyPathSetting !== undefined) return signingKeyPathSetting;
  if (databasePath === ":memory:") throw new Error("an in-memory database has no folder to keep the signing key in");
  return `${databasePath}.ed25519.pem`;
}

export function loadOrCreateDeploymentKey(privatePath: string): DeploymentKey {
  const publicPath = `${privatePath.replace(/\.pem$/, "")}.pub.pem`;
  if (!existsSync(privatePath)) {
    const pair = generateKeyPairSync("ed25519");
    // "wx": never overwrite a key another process created a moment ago.
    try {
      writeFileSync(privatePath, pair.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
      writeFileSync(publicPath, pair.publicKey.export({ type: "spki", format: "pem" }), { mode: 0o644 });
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
  }
  const privateKey: KeyObject = createPrivateKey(readFileSync(privatePath));
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  return {
    publicKeyPem,
    fingerprint: createHash("sha256")
      .update(publicKey.export({ type: "spki", format: "der" }))
      .digest("hex"),
    sign: (statement) => sign(null, Buffer.from(statement, "utf8"), privateKey).toString("base64"),
  };
}
