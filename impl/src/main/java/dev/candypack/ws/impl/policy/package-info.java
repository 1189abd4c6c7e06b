/**
 * What a route allows: the browser origins, the user and roles, the CSRF token and the guards a
 * connection must pass before the handler runs, and the limits its messages must keep.
 */
package dev.candypack.ws.impl.policy;
