package dev.candypack.ws.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.client.config.XmlClientConfigBuilder;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.candypack.ws.spi.RelayContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The Hazelcast instance the relay uses, found in this order: a running {@link HazelcastInstance}
 * CDI bean (Payara has one for its data grid when its clustering is on; an application may produce
 * its own member or client), the server's data grid over JNDI ({@code payara/Hazelcast}), a client
 * from {@code candy.ws.hazelcast.client-config}, else an embedded member of the relay's own.
 *
 * @param instance the instance
 * @param owned whether the relay started it, and so shuts it down
 * @param description where it came from, for the log
 */
record Grid(HazelcastInstance instance, boolean owned, String description) {

  static final String JNDI_NAME = "candy.ws.hazelcast.jndi-name";
  static final String CLIENT_CONFIG = "candy.ws.hazelcast.client-config";
  static final String MEMBER_CONFIG = "candy.ws.hazelcast.config";
  static final String DEFAULT_JNDI_NAME = "payara/Hazelcast";
  private static final Logger LOG = Logger.getLogger(Grid.class.getName());

  static Grid find(RelayContext node) {
    Optional<Grid> found = applicationBean();
    if (found.isEmpty()) {
      found = jndi(Optional.ofNullable(node.setting(JNDI_NAME)).orElse(DEFAULT_JNDI_NAME));
    }
    if (found.isEmpty() && node.setting(CLIENT_CONFIG) != null) {
      found = Optional.of(client(node.setting(CLIENT_CONFIG)));
    }
    return found.orElseGet(() -> member(node.setting(MEMBER_CONFIG)));
  }

  /**
   * A {@link HazelcastInstance} bean: the application's own, or the server's (Payara has one for
   * its data grid). One that is not running, or two that CDI cannot choose between, are passed
   * over.
   */
  private static Optional<Grid> applicationBean() {
    BeanManager beans = applicationBeanManager();
    if (beans == null) {
      return Optional.empty();
    }
    try {
      Set<Bean<?>> candidates = beans.getBeans(HazelcastInstance.class);
      if (candidates.isEmpty()) {
        return Optional.empty();
      }
      Bean<?> bean = beans.resolve(candidates);
      HazelcastInstance instance =
          (HazelcastInstance)
              beans.getReference(
                  bean, HazelcastInstance.class, beans.createCreationalContext(bean));
      if (instance == null || !instance.getLifecycleService().isRunning()) {
        return Optional.empty();
      }
      return Optional.of(
          new Grid(
              instance,
              false,
              "the HazelcastInstance bean " + bean.getBeanClass().getName() + " " + instance));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "candy-ws: no usable HazelcastInstance bean", e);
      return Optional.empty();
    }
  }

  private static BeanManager applicationBeanManager() {
    try {
      return InitialContext.doLookup("java:comp/BeanManager");
    } catch (NamingException e) {
      try {
        return CDI.current().getBeanManager();
      } catch (IllegalStateException noCdi) {
        return null;
      }
    }
  }

  private static Optional<Grid> jndi(String name) {
    try {
      Object found = InitialContext.doLookup(name);
      if (found instanceof HazelcastInstance instance
          && instance.getLifecycleService().isRunning()) {
        return Optional.of(new Grid(instance, false, "the server's data grid (JNDI " + name + ")"));
      }
    } catch (NamingException | LinkageError e) {
      // No data grid there: Payara with clustering off, or another server.
    }
    return Optional.empty();
  }

  /**
   * A client that never holds up the deployment: it connects in the background and reconnects in
   * the background; while it is not connected, messages reach this node's sockets only.
   */
  private static Grid client(String path) {
    ClientConfig config;
    try {
      File file = new File(path);
      config =
          path.endsWith(".yaml") || path.endsWith(".yml")
              ? new YamlClientConfigBuilder(file).build()
              : new XmlClientConfigBuilder(file).build();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "candy-ws: " + CLIENT_CONFIG + " = '" + path + "' is not a Hazelcast client config: " + e,
          e);
    }
    config
        .getConnectionStrategyConfig()
        .setAsyncStart(true)
        .setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ASYNC);
    return new Grid(
        HazelcastClient.newHazelcastClient(config), true, "a Hazelcast client (" + path + ")");
  }

  private static Grid member(String path) {
    Config config;
    if (path == null) {
      config = Config.load(); // hazelcast.config, hazelcast.xml/yaml nearby, else the defaults
    } else {
      try {
        File file = new File(path);
        config =
            file.isFile()
                ? Config.loadFromFile(file)
                : Config.loadFromClasspath(Grid.class.getClassLoader(), path);
      } catch (FileNotFoundException | RuntimeException e) {
        throw new IllegalStateException(
            "candy-ws: " + MEMBER_CONFIG + " = '" + path + "' is not a Hazelcast config: " + e, e);
      }
    }
    return new Grid(
        Hazelcast.newHazelcastInstance(config),
        true,
        "an embedded Hazelcast member (" + (path == null ? "default config" : path) + ")");
  }
}
