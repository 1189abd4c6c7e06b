package dev.candypack.ws.impl.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.Principal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestSnapshotTest {

  @Test
  void templateValueWinsOverQueryParameter() {
    RequestSnapshot request =
        RequestSnapshot.of("/room/42", Map.of("roomId", "42"), "roomId=7&nick=ann", Map.of(), null);

    assertEquals("/room/42", request.path());
    assertEquals("42", request.url("roomId"));
    assertEquals("ann", request.url("nick"));
    assertNull(request.url("missing"));
    assertEquals(Map.of("roomId", "42", "nick", "ann"), request.params());
  }

  @Test
  void decodesQueryNamesAndValues() {
    Map<String, String> query =
        RequestSnapshot.parseQuery(
            "a=hello%20world&b=x+y&c=%C3%A9t%C3%A9&n%61me=v&flag&empty=&&bad=%zz&eq=a=b");

    assertEquals("hello world", query.get("a"));
    assertEquals("x y", query.get("b"));
    assertEquals("été", query.get("c"));
    assertEquals("v", query.get("name"));
    assertEquals("", query.get("flag"));
    assertEquals("", query.get("empty"));
    assertEquals("%zz", query.get("bad"));
    assertEquals("a=b", query.get("eq"));
    assertEquals(
        List.of("a", "b", "c", "name", "flag", "empty", "bad", "eq"), List.copyOf(query.keySet()));
  }

  @Test
  void firstOfRepeatedNamesWins() {
    assertEquals("a", RequestSnapshot.parseQuery("tag=a&tag=b&tag=c").get("tag"));
    assertEquals("a", RequestSnapshot.of("/", Map.of(), "tag=a&tag=b", Map.of(), null).url("tag"));
  }

  @Test
  void emptyQuery() {
    assertEquals(Map.of(), RequestSnapshot.parseQuery(null));
    assertEquals(Map.of(), RequestSnapshot.parseQuery(""));
    assertEquals(Map.of(), RequestSnapshot.of("/", Map.of(), null, Map.of(), null).params());
  }

  @Test
  void headerLookupIgnoresCase() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Token", List.of("t1", "t2"));
    headers.put("Empty", List.of());
    RequestSnapshot request = RequestSnapshot.of("/", Map.of(), null, headers, null);

    assertEquals("t1", request.header("x-token"));
    assertEquals("t1", request.header("X-TOKEN"));
    assertEquals("t1", request.header("X-Token"));
    assertNull(request.header("empty"));
    assertNull(request.header("missing"));
    assertEquals(List.of("t1", "t2"), request.headers().get("x-token"));
    assertEquals(List.of("Empty", "X-Token"), List.copyOf(request.headers().keySet()));
  }

  @Test
  void snapshotIsUnmodifiableAndDetachedFromItsSources() {
    Map<String, String> template = new HashMap<>(Map.of("id", "1"));
    Map<String, List<String>> headers = new HashMap<>(Map.of("Host", List.of("example")));
    RequestSnapshot request = RequestSnapshot.of("/", template, "q=1", headers, null);

    template.put("id", "2");
    headers.put("Host", List.of("changed"));

    assertEquals("1", request.url("id"));
    assertEquals("example", request.header("host"));
    assertThrows(UnsupportedOperationException.class, () -> request.params().put("x", "y"));
    assertThrows(UnsupportedOperationException.class, () -> request.params().remove("q"));
    assertThrows(UnsupportedOperationException.class, () -> request.headers().put("x", List.of()));
    assertThrows(UnsupportedOperationException.class, () -> request.headers().get("host").add("x"));
  }

  @Test
  void userPrincipal() {
    Principal ann = () -> "ann";

    assertEquals(
        Optional.of(ann), RequestSnapshot.of("/", Map.of(), null, Map.of(), ann).userPrincipal());
    assertEquals(
        Optional.empty(), RequestSnapshot.of("/", Map.of(), null, Map.of(), null).userPrincipal());
  }

  @Test
  void withoutSecretsDropsCredentialsAndTokenEntriesAndKeepsTheRest() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("cookie", List.of("JSESSIONID=abc"));
    headers.put("AUTHORIZATION", List.of("Bearer t0ken"));
    headers.put("Proxy-Authorization", List.of("Basic cHJveHk="));
    headers.put(
        "Sec-WebSocket-Protocol", List.of("candy-ws, candy-token-s3cret", "chat.v1", "candy-ws"));
    headers.put("X-Candy-Test", List.of("kept"));
    Principal ann = () -> "ann";
    RequestSnapshot full = RequestSnapshot.of("/p", Map.of("a", "1"), "q=2", headers, ann);

    RequestSnapshot redacted = full.withoutSecrets();

    assertEquals(
        List.of("Sec-WebSocket-Protocol", "X-Candy-Test"),
        List.copyOf(redacted.headers().keySet()));
    assertNull(redacted.header("Cookie"));
    assertNull(redacted.header("authorization"));
    assertNull(redacted.header("proxy-authorization"));
    assertEquals(
        List.of("candy-ws", "chat.v1", "candy-ws"),
        redacted.headers().get("sec-websocket-protocol"));
    assertEquals("kept", redacted.header("x-candy-test"));
    assertEquals(Map.of("a", "1", "q", "2"), redacted.params());
    assertEquals("/p", redacted.path());
    assertEquals(Optional.of(ann), redacted.userPrincipal());
    assertThrows(UnsupportedOperationException.class, () -> redacted.headers().put("x", List.of()));
    assertEquals("Bearer t0ken", full.header("authorization"), "the original is unchanged");
  }

  @Test
  void aProtocolHeaderOfTokensOnlyGoesAway() {
    RequestSnapshot request =
        RequestSnapshot.of(
            "/",
            Map.of(),
            null,
            Map.of("Sec-WebSocket-Protocol", List.of("candy-token-a", " candy-token-b ,")),
            null);

    assertEquals(Map.of(), request.withoutSecrets().headers());
  }

  @Test
  void aRequestWithoutSecretsIsItsOwnRedaction() {
    RequestSnapshot request =
        RequestSnapshot.of(
            "/", Map.of(), null, Map.of("Sec-WebSocket-Protocol", List.of("a,b")), null);

    assertSame(request, request.withoutSecrets());
  }
}
