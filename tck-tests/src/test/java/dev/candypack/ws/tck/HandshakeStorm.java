package dev.candypack.ws.tck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Many WebSocket handshakes that the server refuses by closing, while keep-alive HTTP clients poll
 * a resource: the load under which Payara Micro 6 used to finish an upgrade request twice and
 * answer one client with another's response. Each handshake is written on a bare socket so that
 * every byte of the answer can be checked: the status, the {@code Sec-WebSocket-Accept} computed
 * from this handshake's own key, the frames before the close, and the close code and reason.
 */
final class HandshakeStorm {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int SAMPLES = 5;

  private final URI ws;
  private final List<String> expectedTexts;
  private final int expectedCode;
  private final String expectedReason;

  /**
   * @param ws the route that refuses every handshake
   * @param expectedTexts the text frames each client must receive before the close, in order
   * @param expectedCode the close code each client must receive
   * @param expectedReason the close reason each client must receive
   */
  HandshakeStorm(URI ws, List<String> expectedTexts, int expectedCode, String expectedReason) {
    this.ws = ws;
    this.expectedTexts = List.copyOf(expectedTexts);
    this.expectedCode = expectedCode;
    this.expectedReason = expectedReason;
  }

  /** What a storm saw: counts and the first few deviations of each kind. */
  record Result(
      int handshakes,
      int badHandshakes,
      List<String> handshakeSamples,
      int polls,
      int badPolls,
      List<String> pollSamples,
      Duration elapsed) {

    @Override
    public String toString() {
      return handshakes
          + " handshakes ("
          + badHandshakes
          + " wrong"
          + (handshakeSamples.isEmpty() ? "" : ", e.g. " + handshakeSamples)
          + "), "
          + polls
          + " polls ("
          + badPolls
          + " wrong"
          + (pollSamples.isEmpty() ? "" : ", e.g. " + pollSamples)
          + ") in "
          + elapsed.toMillis()
          + " ms";
    }
  }

  /**
   * Runs the storm.
   *
   * @param handshakes how many handshakes in all
   * @param concurrency how many at a time
   * @param poll the resource the pollers read
   * @param pollers how many keep-alive HTTP clients poll it, each on its own connection
   * @param goodPoll whether a poll's body is the resource's own answer
   */
  Result run(int handshakes, int concurrency, URI poll, int pollers, Predicate<String> goodPoll)
      throws Exception {
    long start = System.nanoTime();
    AtomicBoolean storming = new AtomicBoolean(true);
    AtomicInteger polls = new AtomicInteger();
    AtomicInteger badPolls = new AtomicInteger();
    Queue<String> pollSamples = new ConcurrentLinkedQueue<>();
    ExecutorService pollThreads = Executors.newFixedThreadPool(pollers);
    List<Future<?>> polling = new ArrayList<>();
    for (int i = 0; i < pollers; i++) {
      polling.add(
          pollThreads.submit(
              () -> pollUntil(storming, poll, goodPoll, polls, badPolls, pollSamples)));
    }
    AtomicInteger badHandshakes = new AtomicInteger();
    Queue<String> handshakeSamples = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < handshakes; i++) {
        all.add(
            clients.submit(
                () -> {
                  String deviation = handshake();
                  if (deviation != null) {
                    badHandshakes.incrementAndGet();
                    sample(handshakeSamples, deviation);
                  }
                }));
      }
      for (Future<?> each : all) {
        each.get(5, TimeUnit.MINUTES);
      }
    } finally {
      storming.set(false);
      clients.shutdownNow();
      for (Future<?> each : polling) {
        each.get(1, TimeUnit.MINUTES);
      }
      pollThreads.shutdownNow();
    }
    return new Result(
        handshakes,
        badHandshakes.get(),
        List.copyOf(handshakeSamples),
        polls.get(),
        badPolls.get(),
        List.copyOf(pollSamples),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private static void pollUntil(
      AtomicBoolean storming,
      URI poll,
      Predicate<String> goodPoll,
      AtomicInteger polls,
      AtomicInteger badPolls,
      Queue<String> samples) {
    // One client each, HTTP/1.1, so that each poller keeps its own connection alive.
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    HttpRequest request = HttpRequest.newBuilder(poll).timeout(Duration.ofSeconds(60)).build();
    while (storming.get()) {
      polls.incrementAndGet();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !goodPoll.test(response.body())) {
          badPolls.incrementAndGet();
          sample(samples, response.statusCode() + " " + abbreviate(response.body()));
        }
      } catch (IOException e) {
        badPolls.incrementAndGet();
        sample(samples, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * One handshake, checked to the byte.
   *
   * @return what was wrong, or {@code null} when the server answered exactly as expected
   */
  private String handshake() {
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(60_000);
      socket.connect(new InetSocketAddress(ws.getHost(), ws.getPort()), 30_000);
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String key = Base64.getEncoder().encodeToString(nonce);
      OutputStream out = socket.getOutputStream();
      out.write(upgradeRequest(key).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
      String status = RawSocket.readLine(in);
      if (status.isEmpty()) {
        return "the server closed the connection before answering";
      }
      if (!status.startsWith("HTTP/1.1 101")) {
        return "status: " + status;
      }
      String accept = null;
      for (String header = RawSocket.readLine(in);
          !header.isEmpty();
          header = RawSocket.readLine(in)) {
        int colon = header.indexOf(':');
        if (colon > 0
            && header.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
          accept = header.substring(colon + 1).trim();
        }
      }
      if (!acceptFor(key).equals(accept)) {
        return "Sec-WebSocket-Accept " + accept + " is not this handshake's " + acceptFor(key);
      }
      for (String text : expectedTexts) {
        Frame frame = nextFrame(in, out);
        if (frame.opcode != 0x1 || !text.equals(frame.text())) {
          return "expected the text " + text + ", got " + frame;
        }
      }
      Frame close = nextFrame(in, out);
      if (close.opcode != 0x8
          || close.closeCode() != expectedCode
          || !expectedReason.equals(close.closeReason())) {
        return "expected the close " + expectedCode + " " + expectedReason + ", got " + close;
      }
      writeClose(out, close.closeCode());
      return null;
    } catch (IOException e) {
      return e.toString();
    }
  }

  private String upgradeRequest(String key) {
    String path = ws.getRawPath() + (ws.getRawQuery() == null ? "" : "?" + ws.getRawQuery());
    return "GET "
        + path
        + " HTTP/1.1\r\nHost: "
        + ws.getHost()
        + ":"
        + ws.getPort()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: "
        + key
        + "\r\n\r\n";
  }

  static String acceptFor(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next data or close frame; pings are answered on the way, as every client does. */
  private static Frame nextFrame(InputStream in, OutputStream out) throws IOException {
    Frame frame = Frame.read(in);
    while (frame.opcode == 0x9) {
      writeFrame(out, 0xA, frame.payload);
      frame = Frame.read(in);
    }
    return frame;
  }

  /** Answers the server's close with a masked close frame carrying the same code. */
  private static void writeClose(OutputStream out, int code) throws IOException {
    writeFrame(out, 0x8, new byte[] {(byte) (code >> 8), (byte) code});
  }

  /** Writes one masked, final frame with a payload under 126 bytes. */
  private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    byte[] frame = new byte[2 + 4 + payload.length];
    frame[0] = (byte) (0x80 | opcode);
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    out.write(frame);
    out.flush();
  }

  private static void sample(Queue<String> samples, String deviation) {
    if (samples.size() < SAMPLES) {
      samples.add(deviation);
    }
  }

  private static String abbreviate(String body) {
    String flat = body.replaceAll("\\s+", " ");
    return flat.length() <= 160 ? flat : flat.substring(0, 160) + "…";
  }

  /** One unmasked frame from the server. */
  private record Frame(int opcode, byte[] payload) {

    static Frame read(InputStream in) throws IOException {
      int first = in.read();
      int second = in.read();
      if (first == -1 || second == -1) {
        throw new IOException("the connection ended before a frame");
      }
      long length = second & 0x7F;
      if (length == 126) {
        length = (readByte(in) << 8) | readByte(in);
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | readByte(in);
        }
      }
      if (length > 1 << 20) {
        throw new IOException("a frame of " + length + " bytes");
      }
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      for (long i = 0; i < length; i++) {
        payload.write(readByte(in));
      }
      return new Frame(first & 0x0F, payload.toByteArray());
    }

    private static int readByte(InputStream in) throws IOException {
      int b = in.read();
      if (b == -1) {
        throw new IOException("the connection ended inside a frame");
      }
      return b;
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
    }

    String closeReason() {
      return payload.length > 2
          ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
          : "";
    }

    @Override
    public String toString() {
      return "frame(opcode "
          + opcode
          + ", "
          + (opcode == 0x8 ? closeCode() + " " : "")
          + text()
          + ")";
    }
  }
}
