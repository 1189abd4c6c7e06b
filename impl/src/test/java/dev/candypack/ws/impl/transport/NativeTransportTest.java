package dev.candypack.ws.impl.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.candypack.ws.impl.codec.OutboundMessage;
import dev.candypack.ws.impl.connection.Transport;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class NativeTransportTest {

  /** Records every call, with the path it took. */
  private static final class Recorder implements Transport, NativeSender {
    final List<String> calls = new ArrayList<>();

    @Override
    public int window() {
      return 3;
    }

    @Override
    public void send(OutboundMessage.Text message, Consumer<Throwable> done) {
      calls.add("native text " + message.text());
      done.accept(null);
    }

    @Override
    public void send(OutboundMessage.Binary message, Consumer<Throwable> done) {
      calls.add("native binary " + UTF_8.decode(message.view()));
      done.accept(null);
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
      calls.add("standard text " + text);
      done.accept(null);
    }

    @Override
    public void sendBinary(ByteBuffer data, Consumer<Throwable> done) {
      calls.add("standard binary");
      done.accept(null);
    }

    @Override
    public void ping(ByteBuffer payload) {
      calls.add("standard ping");
    }

    @Override
    public void close(int code, String reason) {
      calls.add("standard close " + code + " " + reason);
    }

    @Override
    public void closeNow(int code, String reason) {
      calls.add("standard closeNow " + code);
    }

    @Override
    public void end() {
      calls.add("standard end");
    }

    @Override
    public boolean isOpen() {
      return false;
    }
  }

  @Test
  void messagesGoNativeAndEverythingElseStandard() throws Exception {
    Recorder standard = new Recorder();
    Recorder sender = new Recorder();
    Transport transport = new NativeTransport(standard, sender);
    List<Throwable> done = new ArrayList<>();

    transport.send(new OutboundMessage.Text("a"), done::add);
    transport.send(new OutboundMessage.Binary(ByteBuffer.wrap("b".getBytes(UTF_8))), done::add);
    transport.sendText("c", done::add);
    transport.ping(ByteBuffer.allocate(0));
    transport.close(4000, "bye");
    transport.closeNow(1008, "x");
    transport.end();

    assertEquals(List.of("native text a", "native binary b", "native text c"), sender.calls);
    assertEquals(
        List.of(
            "standard ping", "standard close 4000 bye", "standard closeNow 1008", "standard end"),
        standard.calls);
    assertEquals(3, done.size());
    assertFalse(transport.isOpen());
    assertEquals(3, transport.window(), "the sender's");
  }

  @Test
  void offKeepsEveryConnectionOnJakartaWebSocket() {
    Recorder standard = new Recorder();
    assertSame(standard, new NativeTransports(NativeMode.OFF).choose(session(), standard));
  }

  @Test
  void aContainerWithoutAdapterKeepsItsConnectionsOnJakartaWebSocket() {
    Recorder standard = new Recorder();
    NativeTransports transports = new NativeTransports(NativeMode.ON);
    assertSame(standard, transports.choose(session(), standard));
    assertSame(standard, transports.choose(session(), standard), "and stays so");
  }

  private static Session session() {
    return (Session)
        Proxy.newProxyInstance(
            Session.class.getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) -> {
              throw new AssertionError("not asked: " + method.getName());
            });
  }
}
