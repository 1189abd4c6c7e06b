package dev.candypack.ws.example;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.TreeSet;

/**
 * A page's sign-in and sign-out: {@code POST /api/login} (form fields {@code user} and {@code
 * password}) logs the session in, {@code POST /api/logout} ends it, which closes the session's
 * sockets with 4001 "Session ended".
 */
@Path("/")
@RequestScoped
public class LoginResource {

  @Inject IdentityStoreHandler identities;
  @Context HttpServletRequest request;

  /**
   * Logs the session in.
   *
   * @param user the user name
   * @param password the password
   * @return 200 with the user and roles, or 401
   */
  @POST
  @Path("login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.APPLICATION_JSON)
  public Response login(@FormParam("user") String user, @FormParam("password") String password) {
    CredentialValidationResult result =
        identities.validate(
            new UsernamePasswordCredential(
                user == null ? "" : user, password == null ? "" : password));
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      return Response.status(Response.Status.UNAUTHORIZED)
          .entity(Map.of("error", "Wrong user or password"))
          .build();
    }
    HttpSession session = request.getSession(true);
    request.changeSessionId(); // a new id once logged in: no session fixation
    String roles = String.join(",", new TreeSet<>(result.getCallerGroups()));
    session.setAttribute(DemoLogin.USER, result.getCallerPrincipal().getName());
    session.setAttribute(DemoLogin.ROLES, roles);
    return Response.ok(
            Map.of("user", result.getCallerPrincipal().getName(), "roles", roles.split(",")))
        .build();
  }

  /**
   * Ends the session, and with it the sockets opened under it.
   *
   * @return 204
   */
  @POST
  @Path("logout")
  public Response logout() {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return Response.noContent().build();
  }
}
