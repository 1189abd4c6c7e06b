package dev.candypack.ws.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Many JDK WebSocket clients: several {@link HttpClient}s (each has one selector thread) sharing a
 * small executor, so that thousands of connections cost a few threads.
 */
final class Clients implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ExecutorService executor;
  private final HttpClient[] http;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * Creates the pool.
   *
   * @param httpClients how many HTTP clients, so selector threads
   * @param threads the threads that run the listeners
   */
  Clients(int httpClients, int threads) {
    AtomicInteger count = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "ws-client-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    http = new HttpClient[httpClients];
    for (int i = 0; i < httpClients; i++) {
      http[i] = HttpClient.newBuilder().executor(executor).connectTimeout(TIMEOUT).build();
    }
  }

  /**
   * Opens connections, a bounded number of handshakes at a time.
   *
   * @param uri where to
   * @param count how many
   * @param listeners the listener of each connection, by index
   * @return the open connections, in index order
   * @throws Exception when a handshake fails or the whole takes too long
   */
  List<WebSocket> openAll(URI uri, int count, IntFunction<WebSocket.Listener> listeners)
      throws Exception {
    Semaphore handshakes = new Semaphore(128);
    List<CompletableFuture<WebSocket>> opening = new ArrayList<>(count);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    for (int i = 0; i < count; i++) {
      if (!handshakes.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException("handshakes took too long: " + i + " of " + count);
      }
      HttpClient client = http[Math.floorMod(next.getAndIncrement(), http.length)];
      CompletableFuture<WebSocket> socket =
          client.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, listeners.apply(i));
      socket.whenComplete((ws, failure) -> handshakes.release());
      opening.add(socket);
    }
    List<WebSocket> open = new ArrayList<>(count);
    for (CompletableFuture<WebSocket> socket : opening) {
      open.add(socket.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
    }
    return open;
  }

  /**
   * Closes connections: a close frame each, then the TCP connection at once.
   *
   * @param sockets the connections
   */
  static void closeAll(List<WebSocket> sockets) {
    List<CompletableFuture<WebSocket>> closing = new ArrayList<>(sockets.size());
    for (WebSocket socket : sockets) {
      closing.add(socket.sendClose(WebSocket.NORMAL_CLOSURE, "").toCompletableFuture());
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Whatever did not close cleanly is aborted below.
    }
    sockets.forEach(WebSocket::abort);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }

  /**
   * A listener that hands over whole text messages, one at a time per connection, and reads as fast
   * as the connection delivers.
   */
  abstract static class TextListener implements WebSocket.Listener {

    private StringBuilder partial;

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      if (last && partial == null) {
        onMessage(webSocket, data);
      } else {
        if (partial == null) {
          partial = new StringBuilder();
        }
        partial.append(data);
        if (last) {
          String whole = partial.toString();
          partial = null;
          onMessage(webSocket, whole);
        }
      }
      return null;
    }

    /**
     * A whole text message arrived.
     *
     * @param webSocket the connection
     * @param text the message; valid until this method returns
     */
    abstract void onMessage(WebSocket webSocket, CharSequence text);
  }
}
