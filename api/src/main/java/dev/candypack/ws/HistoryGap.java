package dev.candypack.ws;

/**
 * A socket asked a history room for the messages after an offset ({@link CandySocket#join(String,
 * long)}), but the room no longer holds all of them: they were older than its history keeps, or the
 * offset is not one of the room's (the history was lost, say after a restart). The socket receives
 * the messages the room still holds, from {@link #oldest()} on, then the live ones.
 *
 * <pre>{@code
 * ws.onHistoryGap(gap -> ws.send(Map.of("type", "snapshot", "items", store.load(gap.room()))));
 * }</pre>
 *
 * @param room the room
 * @param since the offset the socket asked after
 * @param oldest the offset of the first message it will receive (the next live one when the room
 *     holds none)
 */
public record HistoryGap(String room, long since, long oldest) {}
