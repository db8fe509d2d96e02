package org.lapsewatch.web;

import io.javalin.security.RouteRole;

/** What a route needs: nothing ({@link #PUBLIC}), a logged-in user ({@link #READ}), or an admin ({@link #CHANGE}). */
enum Access implements RouteRole {
    PUBLIC, READ, CHANGE
}
