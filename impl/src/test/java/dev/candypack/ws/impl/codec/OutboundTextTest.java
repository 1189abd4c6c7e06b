package dev.candypack.ws.impl.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OutboundTextTest {

  @Test
  void anEncodingIsComputedOnceAndShared() {
    AtomicInteger runs = new AtomicInteger();
    Function<String, ByteBuffer> utf8 =
        text -> {
          runs.incrementAndGet();
          return UTF_8.encode(text).asReadOnlyBuffer();
        };
    OutboundMessage.Text message = new OutboundMessage.Text("héllo");

    ByteBuffer first = message.encoded(utf8);
    assertSame(first, message.encoded(utf8));
    assertEquals(1, runs.get());
    assertEquals("héllo", UTF_8.decode(first.duplicate()).toString());
  }

  @Test
  void anotherEncodingIsComputedEachTimeAndNotKept() {
    AtomicInteger runs = new AtomicInteger();
    Function<String, ByteBuffer> kept = text -> ByteBuffer.wrap(text.getBytes(UTF_8));
    Function<String, ByteBuffer> other =
        text -> {
          runs.incrementAndGet();
          return ByteBuffer.allocate(1);
        };
    OutboundMessage.Text message = new OutboundMessage.Text("x");
    ByteBuffer first = message.encoded(kept);

    message.encoded(other);
    message.encoded(other);
    assertEquals(2, runs.get());
    assertSame(first, message.encoded(kept));
  }

  @Test
  void equalByText() {
    assertEquals(new OutboundMessage.Text("a"), new OutboundMessage.Text("a"));
    assertEquals(
        new OutboundMessage.Text("a").hashCode(), new OutboundMessage.Text("a").hashCode());
    assertNotEquals(new OutboundMessage.Text("a"), new OutboundMessage.Text("b"));
  }
}
