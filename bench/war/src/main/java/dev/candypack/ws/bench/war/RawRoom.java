package dev.candypack.ws.bench.war;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The raw twin of {@code /bench/room/{room}}, written the way a careful user writes it with the
 * Jakarta WebSocket API alone: a concurrent map of rooms to sessions, and each send through the
 * basic remote under the session's lock, since a remote must not be used by two threads at once.
 */
@ServerEndpoint("/raw/room/{room}")
public class RawRoom {

  private static final Logger LOG = Logger.getLogger(RawRoom.class.getName());

  private static final ConcurrentMap<String, Set<Session>> ROOMS = new ConcurrentHashMap<>();

  /**
   * Joins the room.
   *
   * @param session the connection
   * @param room the room of the path
   */
  @OnOpen
  public void onOpen(Session session, @PathParam("room") String room) {
    ROOMS.computeIfAbsent(room, name -> ConcurrentHashMap.newKeySet()).add(session);
  }

  /**
   * Relays a text frame to every member of the room, the sender included.
   *
   * @param text the frame
   * @param room the room of the path
   */
  @OnMessage
  public void onMessage(String text, @PathParam("room") String room) {
    Set<Session> members = ROOMS.get(room);
    if (members == null) {
      return;
    }
    for (Session member : members) {
      if (!member.isOpen()) {
        continue;
      }
      synchronized (member) {
        try {
          member.getBasicRemote().sendText(text);
        } catch (IOException | IllegalStateException e) {
          LOG.log(Level.FINE, "a member left while the room was sending", e);
        }
      }
    }
  }

  /**
   * Leaves the room.
   *
   * @param session the connection
   * @param reason why it closed
   * @param room the room of the path
   */
  @OnClose
  public void onClose(Session session, CloseReason reason, @PathParam("room") String room) {
    ROOMS.computeIfPresent(
        room,
        (name, members) -> {
          members.remove(session);
          return members.isEmpty() ? null : members;
        });
  }

  /**
   * Logs a failure; the container closes the connection, and {@link #onClose} leaves the room.
   *
   * @param session the connection
   * @param error the failure
   */
  @OnError
  public void onError(Session session, Throwable error) {
    LOG.log(Level.FINE, "raw room connection failed", error);
  }

  /**
   * How many sessions the rooms hold, for the stats page.
   *
   * @return the count
   */
  static int members() {
    return ROOMS.values().stream().mapToInt(Set::size).sum();
  }
}
