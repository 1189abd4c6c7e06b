package dev.candypack.ws.hazelcast;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What makes bytes on the grid trustworthy: with {@code candy.ws.cluster.secret}, every message and
 * report carries an HMAC-SHA256 of its bytes, and what does not carry a valid one is refused. The
 * MAC also covers the application's name, what the bytes are (a message or a report) and, for a
 * report, the node it is filed under, so that signed bytes cannot be replayed into another
 * application, as another kind, or under another node. Without a secret nothing is signed, and
 * signed bytes are refused as foreign (they have 32 bytes too many).
 *
 * <p>A MAC proves who wrote the bytes, not who may read them: it hides nothing.
 */
final class Seal {

  /** The setting that holds the secret. */
  static final String SECRET = "candy.ws.cluster.secret";

  /** The shortest secret accepted, in UTF-8 bytes. */
  static final int MIN_SECRET_BYTES = 16;

  static final int MAC_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";

  /** What the sealed bytes are. */
  enum Kind {
    MESSAGE,
    REPORT,
    PRESENCE,
    HISTORY
  }

  private final Mac prototype; // null when nothing is signed
  private final byte[] application;

  private Seal(Mac prototype, String application) {
    this.prototype = prototype;
    this.application = application.getBytes(StandardCharsets.UTF_8);
  }

  /** A seal that signs nothing and refuses signed bytes. */
  static Seal unsigned(String application) {
    return new Seal(null, application);
  }

  /**
   * A seal that signs with the secret.
   *
   * @throws IllegalArgumentException when the secret is shorter than {@link #MIN_SECRET_BYTES} (the
   *     message names the setting, never the secret)
   */
  static Seal signed(String secret, String application) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    if (key.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "candy-ws: "
              + SECRET
              + " has "
              + key.length
              + " bytes; use at least "
              + MIN_SECRET_BYTES
              + " (for example 32 random bytes in Base64), the same on every node");
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return new Seal(mac, application);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("candy-ws: this JVM has no " + ALGORITHM, e);
    }
  }

  boolean signs() {
    return prototype != null;
  }

  /**
   * The bytes to put on the grid: the body, followed by its MAC when signing.
   *
   * @param key the node a report is filed under; empty for a message
   */
  byte[] seal(Kind kind, String key, byte[] body) {
    if (prototype == null) {
      return body;
    }
    byte[] sealed = Arrays.copyOf(body, body.length + MAC_BYTES);
    byte[] mac = mac(kind, key, body, body.length);
    System.arraycopy(mac, 0, sealed, body.length, MAC_BYTES);
    return sealed;
  }

  /**
   * Checks bytes from the grid.
   *
   * @param key the node a report is filed under; empty for a message
   * @return how many of the bytes are the body, which starts at 0
   * @throws IllegalArgumentException when signing and the MAC is missing or wrong
   */
  int open(Kind kind, String key, byte[] sealed) {
    if (prototype == null) {
      return sealed.length;
    }
    int length = sealed.length - MAC_BYTES;
    if (length < 0) {
      throw new IllegalArgumentException("too short to be signed");
    }
    byte[] expected = mac(kind, key, sealed, length);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(sealed, length, sealed.length))) {
      throw new IllegalArgumentException("its signature is not this application's");
    }
    return length;
  }

  private byte[] mac(Kind kind, String key, byte[] body, int length) {
    Mac mac = newMac();
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    mac.update(
        ByteBuffer.allocate(9)
            .put((byte) kind.ordinal())
            .putInt(application.length)
            .putInt(keyBytes.length)
            .array());
    mac.update(application);
    mac.update(keyBytes);
    mac.update(body, 0, length);
    return mac.doFinal();
  }

  // A Mac is not thread-safe; a clone of the initialized one skips the key setup.
  private Mac newMac() {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("candy-ws: " + ALGORITHM + " cannot be cloned", e);
    }
  }
}
