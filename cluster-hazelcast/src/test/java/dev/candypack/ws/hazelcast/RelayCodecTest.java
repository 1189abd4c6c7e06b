package dev.candypack.ws.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.spi.RelayMessage;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayCodecTest {

  private static RelayMessage roundTrip(RelayMessage message) {
    return decode(RelayCodec.encode(message));
  }

  private static RelayMessage decode(byte[] bytes) {
    return RelayCodec.decode(bytes, bytes.length, Long.MAX_VALUE);
  }

  private static RelayCodec.Report decodeReport(byte[] bytes) {
    return RelayCodec.decodeReport(bytes, bytes.length);
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
  void messagesToAUserSurviveAsVersion2() {
    RelayMessage text = RelayMessage.toUser("n", "alice ☕", "{\"type\":\"direct\"}");
    RelayMessage binary = RelayMessage.toUser("n", "bob", new byte[] {0, 1, -1});
    assertEquals(text, roundTrip(text));
    assertEquals(binary, roundTrip(binary));
    assertEquals(2, RelayCodec.encode(text)[0], "a node without users refuses it");
    assertEquals(1, RelayCodec.encode(RelayMessage.toRoom("n", "alice", "t"))[0]);
  }

  @Test
  void unknownOrContradictoryFlagsAreRefused() {
    byte[] room = RelayCodec.encode(RelayMessage.toRoom("n", "alice", "text"));
    byte[] user = RelayCodec.encode(RelayMessage.toUser("n", "alice", "text"));
    assertEquals(0, room[1]);
    assertEquals(4, user[1]);

    byte[] unknownFlag = room.clone();
    unknownFlag[1] = 8;
    byte[] userInVersion1 = user.clone();
    userInVersion1[0] = 1;
    byte[] roomInVersion2 = room.clone();
    roomInVersion2[0] = 2;
    byte[] userAndBroadcast = user.clone();
    userAndBroadcast[1] = 5;
    byte[] version3 = user.clone();
    version3[0] = 3;
    for (byte[] bad :
        List.of(unknownFlag, userInVersion1, roomInVersion2, userAndBroadcast, version3)) {
      assertThrows(IllegalArgumentException.class, () -> decode(bad), Arrays.toString(bad));
    }
  }

  @Test
  void reportsSurvive() {
    RelayCodec.Report report = new RelayCodec.Report(7, Map.of("a", 3, "b ☕", 4));
    assertEquals(report, decodeReport(RelayCodec.encode(report)));
  }

  @Test
  void foreignBytesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> decode(new byte[] {9, 9, 9}));
    assertThrows(IllegalArgumentException.class, () -> decode(new byte[0]));
    byte[] truncated = RelayCodec.encode(RelayMessage.toRoom("n", "r", "text"));
    assertThrows(
        IllegalArgumentException.class,
        () -> decode(Arrays.copyOf(truncated, truncated.length - 1)));
    assertThrows(IllegalArgumentException.class, () -> decodeReport(new byte[] {2}));
  }

  @Test
  void bytesLeftOverAreRefused() {
    byte[] message = RelayCodec.encode(RelayMessage.toRoom("n", "r", "text"));
    byte[] report = RelayCodec.encode(new RelayCodec.Report(1, Map.of("r", 1)));

    assertThrows(
        IllegalArgumentException.class, () -> decode(Arrays.copyOf(message, message.length + 1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> decodeReport(Arrays.copyOf(report, report.length + 1)));
    byte[] padded = Arrays.copyOf(message, message.length + 32);
    assertEquals(
        RelayMessage.toRoom("n", "r", "text"),
        RelayCodec.decode(padded, message.length, Long.MAX_VALUE),
        "only the given length is read");
  }

  @Test
  void aPayloadOverTheLimitIsRefusedBeforeItIsRead() {
    byte[] bytes = RelayCodec.encode(RelayMessage.broadcast("n", new byte[1001]));

    assertEquals(1001, RelayCodec.decode(bytes, bytes.length, 1001).bytes().length);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RelayCodec.decode(bytes, bytes.length, 1000));
    assertTrue(e.getMessage().contains("over the limit of 1000"), e.getMessage());
    byte[] text = RelayCodec.encode(RelayMessage.broadcast("n", "é".repeat(501))); // 1002 bytes
    assertThrows(IllegalArgumentException.class, () -> RelayCodec.decode(text, text.length, 1001));
  }

  @Test
  void aSeventeenByteReportClaimingHalfABillionRoomsAllocatesNothingLarge() {
    byte[] report = HazelcastRelayTest.seventeenByteReport();
    assertEquals(17, report.length);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    Throwable refused = assertThrows(Throwable.class, () -> decodeReport(report));

    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertInstanceOf(IllegalArgumentException.class, refused);
    assertTrue(allocated < 1024 * 1024, allocated + " bytes allocated");
  }

  @Test
  void negativeCountsAreRefused() {
    byte[] clients = ByteBuffer.allocate(9).put((byte) 1).putInt(-1).putInt(0).array();
    byte[] rooms = ByteBuffer.allocate(9).put((byte) 1).putInt(1).putInt(-1).array();
    byte[] size =
        ByteBuffer.allocate(17).put((byte) 1).putInt(1).putInt(1).putInt(0).putInt(-5).array();

    assertThrows(IllegalArgumentException.class, () -> decodeReport(clients));
    assertThrows(IllegalArgumentException.class, () -> decodeReport(rooms));
    assertThrows(IllegalArgumentException.class, () -> decodeReport(size));
    byte[] valid =
        ByteBuffer.allocate(17).put((byte) 1).putInt(1).putInt(1).putInt(0).putInt(5).array();
    assertEquals(new RelayCodec.Report(1, Map.of("", 5)), decodeReport(valid));
  }
}
