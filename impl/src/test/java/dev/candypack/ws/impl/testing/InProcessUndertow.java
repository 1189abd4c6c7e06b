package dev.candypack.ws.impl.testing;

import io.undertow.Undertow;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import jakarta.servlet.ServletException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * Undertow's real servlet container and Jakarta WebSocket layer, as WildFly runs them, on a free
 * local port: for tests of what candy-ws does inside Undertow.
 */
public final class InProcessUndertow implements AutoCloseable {

  private final XnioWorker worker;
  private final Undertow server;
  private final String address;

  private InProcessUndertow(XnioWorker worker, Undertow server) {
    this.worker = worker;
    this.server = server;
    InetSocketAddress bound = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    this.address = "127.0.0.1:" + bound.getPort();
  }

  /**
   * Deploys one application and starts the server.
   *
   * @param ioThreads the worker's I/O threads
   * @param configure adds the application's endpoints to the WebSocket deployment and its servlets
   *     and listeners to the servlet deployment; handlers dispatch to workers, as in WildFly
   * @return the running server
   */
  public static InProcessUndertow start(int ioThreads, Consumer<Deployment> configure)
      throws ServletException {
    XnioWorker worker;
    try {
      worker =
          Xnio.getInstance("nio", Undertow.class.getClassLoader())
              .createWorker(
                  OptionMap.builder()
                      .set(Options.WORKER_IO_THREADS, ioThreads)
                      .set(Options.WORKER_TASK_CORE_THREADS, 2)
                      .set(Options.WORKER_TASK_MAX_THREADS, 2)
                      .getMap());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("no XNIO worker", e);
    }
    WebSocketDeploymentInfo websockets =
        new WebSocketDeploymentInfo()
            .setWorker(worker)
            .setBuffers(new DefaultByteBufferPool(true, 8192))
            .setDispatchToWorkerThread(true); // WildFly's default
    DeploymentInfo servlets =
        Servlets.deployment()
            .setClassLoader(InProcessUndertow.class.getClassLoader())
            .setContextPath("/")
            .setDeploymentName("test.war")
            .addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, websockets);
    configure.accept(new Deployment(servlets, websockets));
    DeploymentManager manager = Servlets.defaultContainer().addDeployment(servlets);
    manager.deploy();
    Undertow server =
        Undertow.builder()
            .setWorker(worker)
            .addHttpListener(0, "127.0.0.1")
            .setHandler(manager.start())
            .build();
    server.start();
    return new InProcessUndertow(worker, server);
  }

  /**
   * The application's two deployment descriptions.
   *
   * @param servlets its servlets, listeners and session manager
   * @param websockets its WebSocket endpoints
   */
  public record Deployment(DeploymentInfo servlets, WebSocketDeploymentInfo websockets) {}

  /**
   * The WebSocket URL of a path.
   *
   * @param path from the root, starting with a slash
   * @return its {@code ws://} URL
   */
  public String ws(String path) {
    return "ws://" + address + path;
  }

  /**
   * The HTTP URL of a path.
   *
   * @param path from the root, starting with a slash
   * @return its {@code http://} URL
   */
  public String http(String path) {
    return "http://" + address + path;
  }

  @Override
  public void close() {
    server.stop();
    worker.shutdownNow();
  }
}
