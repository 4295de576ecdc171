package io.github.raftkit.examples.lock.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.examples.lock.client.LockException;
import io.github.raftkit.examples.lock.command.LockError;
import io.github.raftkit.examples.lock.command.LockResult;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code raft-lock session ID}: what the service knows of one session. */
@Command(name = "session", description = {"Prints session ID's time to live, the log index of its last renewal, "
        + "and the locks it holds and waits for.", "Exit 1 if it is not open (never opened, closed or expired)."})
public final class SessionCommand extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "A session id, as 'acquire' or 'holders' print it.")
    long session;

    @Override
    int run(ClientConfig config) {
        LockResult.SessionState state;
        try (LockService service = LockService.connect(config)) {
            state = service.session(session);
        } catch (LockException refused) {
            if (refused.error() != LockError.UNKNOWN_SESSION && refused.error() != LockError.SESSION_EXPIRED) {
                throw refused;
            }
            out.note(refused.getMessage());
            return Exit.MISS.code();
        }
        out.print(text(state), json(state));
        return Exit.SUCCESS.code();
    }

    private static String text(LockResult.SessionState state) {
        return "session " + state.session() + ": time to live " + state.ttlMillis() + " ms, last renewed at index "
                + state.renewal()
                + "\nholds " + names(state.held())
                + "\nwaits for " + names(state.waiting());
    }

    private static String names(List<String> locks) {
        return locks.isEmpty() ? "nothing" : String.join(", ", locks);
    }

    private static ObjectNode json(LockResult.SessionState state) {
        ObjectNode json = Printer.object().put("session", state.session()).put("ttlMillis", state.ttlMillis())
                .put("renewal", state.renewal());
        state.held().forEach(json.putArray("held")::add);
        state.waiting().forEach(json.putArray("waiting")::add);
        return json;
    }
}
