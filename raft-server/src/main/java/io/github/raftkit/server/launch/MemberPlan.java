package io.github.raftkit.server.launch;

import java.util.Objects;

/**
 * Everything a {@code server} command line stands for, checked before anything starts: the member's settings and
 * what it runs on top of Raft. Immutable.
 *
 * @param settings what every member runs with
 * @param application the state machine and front ends of the example
 */
public record MemberPlan(NodeSettings settings, Application application) {
    public MemberPlan {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(application, "application");
    }
}
