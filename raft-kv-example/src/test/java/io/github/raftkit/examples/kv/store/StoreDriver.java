package io.github.raftkit.examples.kv.store;

import io.github.raftkit.api.statemachine.Command;
import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.examples.kv.command.KvCommand;
import io.github.raftkit.examples.kv.command.KvQuery;
import io.github.raftkit.examples.kv.command.KvResult;
import io.github.raftkit.examples.kv.command.PutCondition;
import io.github.raftkit.examples.kv.command.RequestCodec;
import io.github.raftkit.examples.kv.command.ResultCodec;
import java.util.List;
import java.util.Optional;

/** Feeds a {@link KvStore} encoded commands at log indexes 1, 2, 3, ... and decodes its answers, as a server would. */
final class StoreDriver {
    final KvStore store;
    private long index;

    StoreDriver(KvStore store) {
        this.store = store;
    }

    StoreDriver() {
        this(new KvStore());
    }

    /** The index the next command gets. */
    long nextIndex() {
        return index + 1;
    }

    KvResult apply(KvCommand command) {
        return applyRaw(RequestCodec.encode(command));
    }

    KvResult applyRaw(byte[] payload) {
        return ResultCodec.decode(store.apply(List.of(new Command(++index, 1, payload))).get(0));
    }

    KvResult put(String key, String value) {
        return apply(new KvCommand.Put(Bytes.utf8(key), Bytes.utf8(value), PutCondition.ALWAYS));
    }

    KvResult query(KvQuery query) {
        return ResultCodec.decode(store.query(RequestCodec.encode(query)));
    }

    Optional<KeyValue> get(String key) {
        return ((KvResult.Entries) query(new KvQuery.Get(List.of(Bytes.utf8(key))))).entries().get(0);
    }

    static KeyValue entry(String key, String value, long create, long mod, long version) {
        return new KeyValue(Bytes.utf8(key), Bytes.utf8(value), create, mod, version);
    }
}
