package io.github.raftkit.server.launch;

import io.github.raftkit.api.Membership;

/** Reads {@code --peers}: {@code n1=127.0.0.1:7001,n2=127.0.0.1:7002,...}, in order, each dialled as written. */
final class PeerList {
    private PeerList() {
    }

    /** The membership the text names; an {@link IllegalArgumentException} quotes the part that is wrong. */
    static Membership parse(String text) {
        Membership.Builder members = Membership.builder();
        for (String peer : text.split(",", -1)) {
            String trimmed = peer.strip();
            int equals = trimmed.indexOf('=');
            if (equals <= 0 || equals == trimmed.length() - 1) {
                throw new IllegalArgumentException("each peer is ID=HOST:PORT, got '" + trimmed + "'");
            }
            members.add(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
        }
        return members.build();
    }
}
