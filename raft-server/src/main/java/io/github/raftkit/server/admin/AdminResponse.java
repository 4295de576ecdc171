package io.github.raftkit.server.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * What the admin server answers, before it becomes HTTP: a status, a content type and a body. Immutable by
 * convention: the body is built for one response and never changed.
 */
public record AdminResponse(HttpResponseStatus status, String contentType, byte[] body) {
    static AdminResponse text(HttpResponseStatus status, String text) {
        return new AdminResponse(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static AdminResponse json(String json) {
        return new AdminResponse(HttpResponseStatus.OK, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
