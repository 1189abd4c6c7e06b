package dev.candypack.ws.example;

import dev.candypack.ws.CandyServer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Notifications that are logged and sent in one transaction: the row is written through the
 * server's default datasource and the send waits for the commit, so a notification that rolls back
 * is neither logged nor seen by any socket.
 */
@ApplicationScoped
public class Notifications {

  /** Thrown to roll the notification back. */
  public static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled(String user) {
      super("the notification to " + user + " was rolled back");
    }
  }

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource database;

  @Inject CandyServer server;

  @PostConstruct
  void createTable() {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS candy_notifications"
              + " (username VARCHAR(255) NOT NULL, message VARCHAR(4000))");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the notification log", e);
    }
  }

  /**
   * Logs a notification and sends it to the {@code /notifications} sockets of a user, in one
   * transaction.
   *
   * @param user the user's name
   * @param message the notification
   * @param rollback {@code true} to roll the transaction back after the send
   * @return how many notifications the user has had, this one included
   * @throws Cancelled when asked to roll back: nothing is logged, nothing is sent
   */
  @Transactional
  public int notify(String user, Object message, boolean rollback) {
    try (Connection connection = database.getConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO candy_notifications (username, message) VALUES (?, ?)")) {
        insert.setString(1, user);
        insert.setString(2, String.valueOf(message));
        insert.executeUpdate();
      }
      // Held by candy-ws until the commit; dropped if the transaction rolls back.
      server.toRoom(
          NotifyResource.roomOf(user), Json.object("type", "notification", "message", message));
      if (rollback) {
        throw new Cancelled(user);
      }
      try (PreparedStatement count =
          connection.prepareStatement(
              "SELECT COUNT(*) FROM candy_notifications WHERE username = ?")) {
        count.setString(1, user);
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          return rows.getInt(1);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot log the notification", e);
    }
  }
}
