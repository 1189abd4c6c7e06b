package dev.candypack.ws.hazelcast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SealTest {

  private static final String SECRET = "sixteen bytes ok";
  private final Seal seal = Seal.signed(SECRET, "/app");
  private final byte[] body = "the body".getBytes(StandardCharsets.UTF_8);

  @Test
  void whatItSealsItOpens() {
    byte[] sealed = seal.seal(Seal.Kind.MESSAGE, "", body);

    assertEquals(body.length + Seal.MAC_BYTES, sealed.length);
    assertEquals(body.length, seal.open(Seal.Kind.MESSAGE, "", sealed));
    assertArrayEquals(body, Arrays.copyOf(sealed, body.length));
    assertEquals(
        body.length,
        Seal.signed(SECRET, "/app").open(Seal.Kind.MESSAGE, "", sealed),
        "another node with the same secret");
  }

  @Test
  void anyChangedByteFailsTheCheck() {
    byte[] sealed = seal.seal(Seal.Kind.REPORT, "node-1", body);
    for (int i = 0; i < sealed.length; i++) {
      byte[] changed = sealed.clone();
      changed[i] ^= 1;
      assertThrows(
          IllegalArgumentException.class,
          () -> seal.open(Seal.Kind.REPORT, "node-1", changed),
          "byte " + i);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> seal.open(Seal.Kind.REPORT, "node-1", Arrays.copyOf(sealed, sealed.length - 1)));
    assertThrows(
        IllegalArgumentException.class, () -> seal.open(Seal.Kind.REPORT, "node-1", new byte[3]));
  }

  @Test
  void signedBytesDoNotPassAsAnotherKindNodeApplicationOrSecret() {
    byte[] report = seal.seal(Seal.Kind.REPORT, "node-1", body);

    assertThrows(
        IllegalArgumentException.class, () -> seal.open(Seal.Kind.REPORT, "node-2", report));
    assertThrows(
        IllegalArgumentException.class, () -> seal.open(Seal.Kind.MESSAGE, "node-1", report));
    assertThrows(
        IllegalArgumentException.class,
        () -> Seal.signed(SECRET, "/other").open(Seal.Kind.REPORT, "node-1", report));
    assertThrows(
        IllegalArgumentException.class,
        () -> Seal.signed(SECRET + "!", "/app").open(Seal.Kind.REPORT, "node-1", report));
  }

  @Test
  void withoutASecretNothingIsSignedAndTheBodyIsAllThereIs() {
    Seal unsigned = Seal.unsigned("/app");

    assertFalse(unsigned.signs());
    assertTrue(seal.signs());
    assertSame(body, unsigned.seal(Seal.Kind.MESSAGE, "", body));
    byte[] signed = seal.seal(Seal.Kind.MESSAGE, "", body);
    assertEquals(
        signed.length,
        unsigned.open(Seal.Kind.MESSAGE, "", signed),
        "the signature is left to the decoder, which refuses bytes left over");
  }

  @Test
  void aShortSecretIsRefusedWithoutShowingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Seal.signed("fifteen bytes!!", "/a"));

    assertTrue(e.getMessage().contains("candy.ws.cluster.secret has 15 bytes"), e.getMessage());
    assertFalse(e.getMessage().contains("fifteen"));
    assertTrue(Seal.signed("é".repeat(8), "/a").signs(), "bytes are counted, not characters");
  }
}
