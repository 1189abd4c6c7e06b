package dev.candypack.ws.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresenceCodecTest {

  @Test
  void aNodesPresenceTravelsWhole() {
    Map<String, Map<String, Integer>> presence =
        Map.of("room", Map.of("ann", 2, "bøb", 1), "other", Map.of(), "", Map.of("", 7));
    byte[] bytes = PresenceCodec.encode(presence);
    assertEquals(presence, PresenceCodec.decode(bytes, bytes.length));
  }

  @Test
  void countsAndLengthsThatTheBytesCannotHoldAreRefused() {
    byte[] huge = ByteBuffer.allocate(5).put((byte) 1).putInt(Integer.MAX_VALUE).array();
    assertThrows(IllegalArgumentException.class, () -> PresenceCodec.decode(huge, huge.length));
    byte[] negative = ByteBuffer.allocate(5).put((byte) 1).putInt(-1).array();
    assertThrows(
        IllegalArgumentException.class, () -> PresenceCodec.decode(negative, negative.length));
    byte[] zeroSockets =
        ByteBuffer.allocate(21)
            .put((byte) 1)
            .putInt(1)
            .putInt(0) // room ""
            .putInt(1)
            .putInt(0) // user ""
            .putInt(0)
            .array();
    assertThrows(
        IllegalArgumentException.class,
        () -> PresenceCodec.decode(zeroSockets, zeroSockets.length));
    byte[] good = PresenceCodec.encode(Map.of("r", Map.of("u", 1)));
    byte[] extra = Arrays.copyOf(good, good.length + 1);
    assertThrows(IllegalArgumentException.class, () -> PresenceCodec.decode(extra, extra.length));
    assertThrows(IllegalArgumentException.class, () -> PresenceCodec.decode(good, good.length - 1));
    byte[] otherVersion = good.clone();
    otherVersion[0] = 2;
    assertThrows(
        IllegalArgumentException.class,
        () -> PresenceCodec.decode(otherVersion, otherVersion.length));
  }
}
