package dev.candypack.ws.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.candypack.ws.spi.RelayMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayCodecTest {

  private static RelayMessage roundTrip(RelayMessage message) {
    return RelayCodec.decode(RelayCodec.encode(message));
  }

  @Test
  void textToARoomSurvives() {
    RelayMessage message = RelayMessage.toRoom("node-1", "tea room ☕", "{\"text\":\"héllo\"}");
    assertEquals(message, roundTrip(message));
  }

  @Test
  void binaryPayloadsSurviveByteForByte() {
    byte[] every = new byte[256];
    for (int i = 0; i < every.length; i++) {
      every[i] = (byte) i;
    }
    RelayMessage toRoom = RelayMessage.toRoom("n", "r", every);
    assertEquals(toRoom, roundTrip(toRoom));
    RelayMessage broadcast = RelayMessage.broadcast("n", new byte[0]);
    assertEquals(broadcast, roundTrip(broadcast));
  }

  @Test
  void broadcastsHaveNoRoomAndKeepTheirText() {
    RelayMessage message = RelayMessage.broadcast("n", "");
    assertEquals(message, roundTrip(message));
  }

  @Test
  void reportsSurvive() {
    RelayCodec.Report report = new RelayCodec.Report(7, Map.of("a", 3, "b ☕", 4));
    assertEquals(report, RelayCodec.decodeReport(RelayCodec.encode(report)));
  }

  @Test
  void foreignBytesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> RelayCodec.decode(new byte[] {9, 9, 9}));
    assertThrows(IllegalArgumentException.class, () -> RelayCodec.decode(new byte[0]));
    byte[] truncated = RelayCodec.encode(RelayMessage.toRoom("n", "r", "text"));
    assertThrows(
        IllegalArgumentException.class,
        () -> RelayCodec.decode(java.util.Arrays.copyOf(truncated, truncated.length - 1)));
    assertThrows(IllegalArgumentException.class, () -> RelayCodec.decodeReport(new byte[] {2}));
  }
}
