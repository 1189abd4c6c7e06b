package dev.candypack.ws.impl.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {

  @Test
  void readsARequestWithANumberOrAStringId() {
    Envelope numbered = Envelope.request("{\"candy:request\":7,\"data\":{\"op\":\"add\",\"a\":1}}");
    assertEquals("7", numbered.id().toString());
    assertEquals("{\"op\":\"add\",\"a\":1}", numbered.data());
    assertNull(numbered.error());
    Envelope named = Envelope.request("{\"candy:request\":\"k3-\\\"1\",\"data\":\"x\"}");
    assertEquals("\"k3-\\\"1\"", named.id().toString(), "echoed as JSON, escapes kept");
    assertEquals("\"x\"", named.data());
  }

  @Test
  void missingDataIsNull() {
    assertEquals("null", Envelope.request("{\"candy:request\":1}").data());
  }

  @Test
  void readsRepliesAndErrorReplies() {
    Envelope reply = Envelope.reply("{\"candy:reply\":3,\"data\":[1,2]}");
    assertEquals("[1,2]", reply.data());
    assertNull(reply.error());
    assertEquals("nope", Envelope.reply("{\"candy:reply\":3,\"error\":\"nope\"}").error());
    assertEquals("{\"x\":1}", Envelope.reply("{\"candy:reply\":3,\"error\":{\"x\":1}}").error());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"op\":\"add\"}",
        "{ \"candy:request\":1,\"data\":2}",
        "{\"data\":2,\"candy:request\":1}",
        "{\"candy:request\":1,\"data\":",
        "{\"candy:request\":1,\"data\":2} trailing",
        "{\"candy:request\":1,\"data\":2}{}",
        "{\"candy:request\":{\"id\":1},\"data\":2}",
        "{\"candy:request\":null}",
        "{\"candy:request\":true}",
        "{\"candy:reply\":1,\"data\":2}",
        "\"{\\\"candy:request\\\":1}\"",
        ""
      })
  void anythingElseIsNotARequest(String text) {
    assertNull(Envelope.request(text));
  }

  @Test
  void writesEnvelopes() {
    assertEquals("{\"candy:request\":12,\"data\":{\"q\":1}}", Envelope.request(12, "{\"q\":1}"));
    assertEquals("{\"candy:reply\":\"a\",\"data\":3}", Envelope.reply("\"a\"", "3"));
    assertEquals(
        "{\"candy:reply\":7,\"error\":\"Request timed out\"}",
        Envelope.error("7", Envelope.Failure.TIMED_OUT));
  }
}
