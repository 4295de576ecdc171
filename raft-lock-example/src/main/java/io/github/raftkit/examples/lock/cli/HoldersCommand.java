package io.github.raftkit.examples.lock.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.examples.lock.command.LockMode;
import io.github.raftkit.examples.lock.command.LockResult;
import io.github.raftkit.server.cli.Exit;
import io.github.raftkit.server.cli.Printer;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code raft-lock holders NAME}: who holds a lock, and who waits for it. */
@Command(name = "holders", description = {"Prints how NAME is held (exclusive or shared), each holder's session, "
        + "fencing token and number of holds, and the waiters in queue order; \"free\" if nobody holds it."})
public final class HoldersCommand extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "NAME", converter = LockNameConverter.class)
    String name;

    @Override
    int run(ClientConfig config) {
        try (LockService service = LockService.connect(config)) {
            LockResult.Holders holders = service.holders(name);
            out.print(text(holders), json(holders));
            return Exit.SUCCESS.code();
        }
    }

    private static String text(LockResult.Holders lock) {
        StringBuilder text = new StringBuilder(lock.holders().isEmpty() ? "free" : "held " + word(lock.mode()));
        for (LockResult.Holder holder : lock.holders()) {
            text.append("\nholder session ").append(holder.session()).append(" token ").append(holder.token())
                    .append(" holds ").append(holder.holds());
        }
        for (LockResult.Waiter waiter : lock.waiters()) {
            text.append("\nwaiter session ").append(waiter.session()).append(' ').append(word(waiter.mode()));
        }
        return text.toString();
    }

    private static ObjectNode json(LockResult.Holders lock) {
        boolean free = lock.holders().isEmpty();
        ObjectNode json = Printer.object().put("name", lock.name()).put("free", free)
                .put("mode", free ? null : word(lock.mode()));
        ArrayNode holders = json.putArray("holders");
        lock.holders().forEach(holder -> holders.addObject().put("session", holder.session())
                .put("token", holder.token()).put("holds", holder.holds()));
        ArrayNode waiters = json.putArray("waiters");
        lock.waiters().forEach(waiter -> waiters.addObject().put("session", waiter.session())
                .put("mode", word(waiter.mode())));
        return json;
    }

    static String word(LockMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
