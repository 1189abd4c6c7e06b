package dev.candypack.ws.tck.routes;

import dev.candypack.ws.Candy;
import dev.candypack.ws.CandyRoute;
import dev.candypack.ws.CandySocket;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Routes whose messages a test checks byte for byte on the wire: texts and binaries of a given
 * size, verbatim echoes and room relays, and a fixed sequence of messages, pings and a close.
 */
@ApplicationScoped
public class WireRoutes {

  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

  /**
   * What {@code /wire}'s {@code sequence} queues, in order: a text for a {@code String}, a binary
   * for a {@code byte[]}, a ping for {@code null}; then it closes with 4000 "bye".
   */
  public static final List<Object> SEQUENCE =
      Collections.unmodifiableList(
          Arrays.asList("one", "two", null, binary(300), text(70_000), null, "five"));

  /**
   * A text of exactly {@code bytes} UTF-8 bytes, all ASCII: an alphabet that shifts by one on each
   * round, so that a lost, repeated or moved chunk shows.
   *
   * @param bytes its length
   * @return the text
   */
  public static String text(int bytes) {
    StringBuilder text = new StringBuilder(bytes);
    for (int i = 0; i < bytes; i++) {
      text.append(ALPHABET.charAt((i + i / ALPHABET.length()) % ALPHABET.length()));
    }
    return text.toString();
  }

  /**
   * {@code bytes} bytes that run through every byte value.
   *
   * @param bytes its length
   * @return the bytes
   */
  public static byte[] binary(int bytes) {
    byte[] data = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      data[i] = (byte) (i * 7 + i / 256);
    }
    return data;
  }

  /**
   * The {@code i}th message of a burst: its number first, padded to {@code bytes}.
   *
   * @param i its number
   * @param bytes its length, at least 8
   * @return the message
   */
  public static String burstMessage(int i, int bytes) {
    String number = String.format("%08d", i);
    return number + text(bytes - number.length());
  }

  /**
   * Commands: {@code {"op":"text","size":n}} answers a text of {@link #text n} bytes, {@code
   * "binary"} a binary of {@link #binary n} bytes; {@code "sequence"} sends {@link #SEQUENCE} and
   * closes with 4000 "bye"; {@code "burst"} sends {@code count} {@link #burstMessage messages} of
   * {@code size} bytes to {@code room}; {@code "join"} joins {@code room} and answers "joined".
   */
  @CandyRoute("/wire")
  void wire(CandySocket ws) {
    ws.onMessage(
        m -> {
          switch (String.valueOf(m.get("op"))) {
            case "text" -> ws.send(text(((Number) m.get("size")).intValue()));
            case "binary" -> ws.sendBinary(binary(((Number) m.get("size")).intValue()));
            case "sequence" -> {
              for (Object message : SEQUENCE) {
                if (message == null) {
                  ws.ping();
                } else {
                  ws.send(message); // a byte[] as a binary message
                }
              }
              ws.close(4000, "bye");
              ws.send("dropped: sent after the close");
              ws.ping();
            }
            case "burst" -> {
              String room = (String) m.get("room");
              int size = ((Number) m.get("size")).intValue();
              int count = ((Number) m.get("count")).intValue();
              for (int i = 0; i < count; i++) {
                ws.to(room).send(burstMessage(i, size));
              }
            }
            case "join" -> {
              ws.join((String) m.get("room"));
              ws.send("joined");
            }
            default -> ws.send("unknown op: " + m.text());
          }
        });
  }

  /**
   * Sends back every message as it came, text as text and binary as binary. It never blocks, so
   * where the server lets candy-ws, it echoes from the thread that read the message.
   */
  @CandyRoute(value = "/wire-echo", nonBlocking = true)
  void echo(CandySocket ws) {
    ws.onMessage(m -> ws.send(m.text()));
    ws.onBinary(ws::sendBinary);
  }

  /**
   * Joins the room of the path and relays every text to it (the sender too); the first message
   * after joining is the text "joined". It never blocks, as {@code /wire-echo}.
   */
  @CandyRoute(value = "/wire-room/{room}", nonBlocking = true)
  void room(CandySocket ws, Candy candy) {
    String room = candy.request().url("room");
    ws.join(room);
    ws.send("joined");
    ws.onMessage(m -> ws.to(room).send(m.text()));
    ws.onBinary(data -> ws.to(room).sendBinary(data));
  }

  /** Answers each text with the name of the thread its handler ran on. */
  @CandyRoute("/wire-thread")
  void thread(CandySocket ws) {
    ws.onMessage(m -> ws.send(Thread.currentThread().getName()));
  }

  /** As {@code /wire-thread}, on a route that promises never to block. */
  @CandyRoute(value = "/wire-thread-non-blocking", nonBlocking = true)
  void nonBlockingThread(CandySocket ws) {
    ws.onMessage(m -> ws.send(Thread.currentThread().getName()));
  }
}
