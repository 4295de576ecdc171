package io.github.raftkit.storage.file.log;

import io.github.raftkit.api.spi.LogStore;
import io.github.raftkit.api.spi.LogStoreProvider;
import io.github.raftkit.api.spi.StorageContext;
import io.github.raftkit.storage.file.FileStorageSettings;
import io.github.raftkit.storage.file.MemberDirectory;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;

/**
 * Opens {@link SegmentedLog}s in {@code <dataDir>/<group>/log}. Registered with {@link java.util.ServiceLoader} under
 * the name {@code file}. Its meters go to Micrometer's global registry ({@link Metrics#globalRegistry}), because the
 * {@link StorageContext} carries no registry: add the node's registry to the global one to see them. Called on the
 * thread that starts a member.
 */
public final class FileLogStoreProvider implements LogStoreProvider {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public LogStore open(StorageContext context) {
        return SegmentedLog.open(MemberDirectory.prepare(context, "log"), context.group() + "/" + context.node(),
                FileStorageSettings.from(context.properties()), Metrics.globalRegistry,
                Tags.of("group", context.group().value(), "node", context.node().value()));
    }
}
