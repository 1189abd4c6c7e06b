package dev.candypack.ws.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candypack.ws.tck.routes.WireRoutes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * The wire client against a scripted server on a local socket, so that WireIT's checks are known to
 * catch what they look for whichever server the TCK runs on, and its inflating is known to work
 * where no server under test compresses.
 */
class WireClientTest {

  /** A server that answers one handshake with these extensions, then writes these bytes. */
  private static WireClient scripted(String extensions, boolean offerDeflate, byte[] frames)
      throws Exception {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    CompletableFuture<Void> served =
        CompletableFuture.runAsync(
            () -> {
              try (server;
                  Socket peer = server.accept()) {
                while (!RawSocket.readLine(peer.getInputStream()).isEmpty()) {
                  // The request's head.
                }
                OutputStream out = peer.getOutputStream();
                String head =
                    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\n"
                        + (extensions == null
                            ? ""
                            : "Sec-WebSocket-Extensions: " + extensions + "\r\n")
                        + "\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(frames);
                out.flush();
                peer.shutdownOutput();
                peer.getInputStream().readAllBytes(); // until the client closes
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/wire");
    WireClient client =
        offerDeflate ? WireClient.connectOfferingDeflate(uri) : WireClient.connect(uri);
    return client;
  }

  /** One server frame: final unless {@code fin} is false, unmasked, the length as {@code bits}. */
  private static byte[] frame(boolean fin, int rsv, int opcode, int bits, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | rsv << 4 | opcode);
    if (bits == 7) {
      frame.write(payload.length);
    } else if (bits == 16) {
      frame.write(126);
      frame.write(payload.length >> 8);
      frame.write(payload.length);
    } else {
      frame.write(127);
      for (int i = 7; i >= 0; i--) {
        frame.write((int) ((long) payload.length >>> (8 * i)));
      }
    }
    frame.writeBytes(payload);
    return frame.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  /** A message compressed as RFC 7692 says: a sync flush, its empty stored block's tail removed. */
  private static byte[] compress(Deflater deflater, byte[] message) {
    deflater.setInput(message);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    do {
      n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
      out.write(chunk, 0, n);
    } while (n == chunk.length);
    byte[] flushed = out.toByteArray();
    return Arrays.copyOf(flushed, flushed.length - 4);
  }

  @Test
  void readsEachLengthFormAndFindsAWrongOne() throws Exception {
    byte[] small = WireRoutes.text(125).getBytes(StandardCharsets.UTF_8);
    byte[] medium = WireRoutes.binary(65_535);
    byte[] large = WireRoutes.text(65_536).getBytes(StandardCharsets.UTF_8);
    byte[] wide = WireRoutes.binary(126);
    try (WireClient client =
        scripted(
            null,
            false,
            concat(
                frame(true, 0, 1, 7, small),
                frame(true, 0, 2, 16, medium),
                frame(true, 0, 1, 64, large),
                frame(true, 0, 2, 64, wide)))) {
      assertArrayEquals(small, client.message(WireClient.TEXT).payload());
      assertEquals(16, client.message(WireClient.BINARY).lengthBits());
      assertArrayEquals(large, client.message(WireClient.TEXT).payload());
      AssertionError notShortest =
          assertThrows(AssertionError.class, () -> client.message(WireClient.BINARY));
      assertTrue(notShortest.getMessage().contains("length form"), notShortest.getMessage());
    }
  }

  @Test
  void findsAFragmentAnExtensionNobodyOfferedAndAnExtraFrameAfterTheClose() throws Exception {
    byte[] text = "half".getBytes(StandardCharsets.UTF_8);
    try (WireClient client =
        scripted(
            null,
            false,
            concat(
                frame(false, 0, 1, 7, text),
                frame(true, 0, 0, 7, text),
                frame(true, 0, 8, 7, new byte[] {0x0F, (byte) 0xA0, 'b', 'y', 'e'}),
                frame(true, 0, 1, 7, text)))) {
      AssertionError fragment =
          assertThrows(AssertionError.class, () -> client.message(WireClient.TEXT));
      assertTrue(fragment.getMessage().contains("one final frame"), fragment.getMessage());
      assertEquals(0, client.frame().opcode(), "the continuation");
      RawSocket.WireFrame close = client.frame();
      assertEquals(4000, close.closeCode());
      assertEquals("bye", close.closeReason());
      assertThrows(AssertionError.class, client::endsWithoutAnotherFrame);
    }
    assertThrows(AssertionError.class, () -> scripted("permessage-deflate", false, new byte[0]));
  }

  @Test
  void inflatesCompressedMessagesThatReferToEarlierOnesAndPassesPlainOnes() throws Exception {
    String noise =
        new Random(17)
            .ints(3000, 'a', 'z' + 1)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    byte[] first = ("é€😀 " + noise).getBytes(StandardCharsets.UTF_8);
    byte[] second = ("again " + noise).getBytes(StandardCharsets.UTF_8);
    byte[] plain = "not compressed".getBytes(StandardCharsets.UTF_8);
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    byte[] firstCompressed = compress(deflater, first);
    byte[] secondCompressed = compress(deflater, second);
    deflater.end();
    assertTrue(firstCompressed.length > 1000, "noise: " + firstCompressed.length + " B");
    assertTrue(secondCompressed.length < 100, "refers back: " + secondCompressed.length + " B");
    byte[] fragmented = Arrays.copyOfRange(secondCompressed, 0, 10);
    byte[] rest = Arrays.copyOfRange(secondCompressed, 10, secondCompressed.length);
    try (WireClient client =
        scripted(
            "permessage-deflate; server_max_window_bits=15",
            true,
            concat(
                frame(true, 4, 1, 16, firstCompressed),
                frame(true, 0, 2, 7, plain),
                frame(false, 4, 1, 7, fragmented),
                frame(true, 0, 0, 7, rest)))) {
      assertTrue(client.deflate());
      assertArrayEquals(first, client.payload(WireClient.TEXT));
      assertArrayEquals(plain, client.payload(WireClient.BINARY));
      assertArrayEquals(second, client.payload(WireClient.TEXT));
    }
  }

  @Test
  void aDeclinedOfferLeavesThePlainClient() throws Exception {
    byte[] text = "plain".getBytes(StandardCharsets.UTF_8);
    try (WireClient client = scripted(null, true, frame(true, 0, 1, 7, text))) {
      assertFalse(client.deflate());
      assertArrayEquals(text, client.payload(WireClient.TEXT));
    }
  }
}
