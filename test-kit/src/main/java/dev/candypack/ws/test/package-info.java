/**
 * Testing candy-ws routes on a real server: a WebSocket client that reads with timeouts ({@link
 * dev.candypack.ws.test.CandyTestClient}), the deployed application's addresses, sessions and rooms
 * ({@link dev.candypack.ws.test.CandyApp}), and test WARs with candy-ws in them ({@link
 * dev.candypack.ws.test.CandyWar}). Nothing here depends on a test framework: a failed wait throws
 * an {@link java.lang.AssertionError}.
 *
 * <p>A complete Arquillian test with JUnit 5:
 *
 * <pre>{@code
 * @ExtendWith(ArquillianExtension.class)
 * class ChatRoutesIT {
 *
 *   @Deployment(testable = false)
 *   static WebArchive deployment() {
 *     return CandyWar.addProbe(CandyWar.create("chat").addClasses(ChatRoutes.class, Greeter.class));
 *   }
 *
 *   @ArquillianResource URL url;
 *
 *   @Test
 *   void membersOfARoomHearEachOther() throws Exception {
 *     CandyApp app = CandyApp.at(url);
 *     try (CandyTestClient ann = app.connect("/room/tea/user/ann");
 *         CandyTestClient bob = app.connect("/room/tea/user/bob")) {
 *       app.awaitRoomSize("tea", 2);
 *       bob.sendJson(Map.of("text", "hello"));
 *       assertEquals("hello", ann.nextJson().getString("text"));
 *       assertEquals("hello", bob.nextJson().getString("text"));
 *     }
 *   }
 *
 *   @Test
 *   void strangersAreTurnedAway() throws Exception {
 *     try (CandyTestClient anonymous = CandyApp.at(url).connect("/secure")) {
 *       assertEquals(new CandyClose(4001, "Unauthorized"), anonymous.awaitClose());
 *     }
 *   }
 * }
 * }</pre>
 */
package dev.candypack.ws.test;
