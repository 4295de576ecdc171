package io.github.raftkit.examples.kv.client;

import io.github.raftkit.api.ReadConsistency;
import io.github.raftkit.api.client.ClientConfig;
import io.github.raftkit.api.client.RaftClient;
import io.github.raftkit.api.error.RaftException;
import io.github.raftkit.core.assembly.RaftClients;
import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.CasResult;
import io.github.raftkit.examples.kv.command.DeleteResult;
import io.github.raftkit.examples.kv.command.IncrementResult;
import io.github.raftkit.examples.kv.command.KeyValue;
import io.github.raftkit.examples.kv.command.KeysResult;
import io.github.raftkit.examples.kv.command.KvCommand;
import io.github.raftkit.examples.kv.command.KvError;
import io.github.raftkit.examples.kv.command.KvLimits;
import io.github.raftkit.examples.kv.command.KvQuery;
import io.github.raftkit.examples.kv.command.KvResult;
import io.github.raftkit.examples.kv.command.PutCondition;
import io.github.raftkit.examples.kv.command.PutResult;
import io.github.raftkit.examples.kv.command.RequestCheck;
import io.github.raftkit.examples.kv.command.RequestCodec;
import io.github.raftkit.examples.kv.command.ResultCodec;
import io.github.raftkit.examples.kv.command.ScanResult;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A typed client of the key-value store, on top of a {@link RaftClient}: every write is applied exactly once however
 * often it is retried, and reads are linearizable unless {@link #reading(ReadConsistency)} chose otherwise.
 *
 * <p>Each operation comes as {@code fooAsync}, returning a future, and {@code foo}, waiting for it. A future fails
 * with a {@link KvException} when the store refused the request (its {@link KvException#error()} says why), or with
 * the {@link RaftException} of the underlying client (timeout, overload, shutdown, ...); the waiting form throws the
 * same exception. Requests that break the {@link KvLimits} given here fail before anything is sent.
 *
 * <p><b>Threading.</b> Thread-safe. The asynchronous methods never block, and their futures complete on the
 * {@link RaftClient}'s threads, so callbacks on them should not block either.
 */
public final class KvClient implements AutoCloseable {
    private final RaftClient raft;
    private final RequestCheck check;
    private final ReadConsistency reads;

    /** A client over {@code raft}, checking {@link KvLimits#DEFAULT}; closing it closes {@code raft}. */
    public KvClient(RaftClient raft) {
        this(raft, KvLimits.DEFAULT);
    }

    /** A client over {@code raft} that checks {@code limits}, the ones the servers run with. */
    public KvClient(RaftClient raft, KvLimits limits) {
        this(raft, new RequestCheck(limits), ReadConsistency.LINEARIZABLE);
    }

    private KvClient(RaftClient raft, RequestCheck check, ReadConsistency reads) {
        this.raft = Objects.requireNonNull(raft, "raft");
        this.check = check;
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    /** Connects with {@link RaftClients#connect(ClientConfig)}; nothing is dialled until the first request. */
    public static KvClient connect(ClientConfig config) {
        return new KvClient(RaftClients.connect(config));
    }

    /**
     * A client that shares this one's connection (and its limits) but reads with {@code consistency}, such as
     * {@link ReadConsistency#STALE} to read from whichever member it asks. Closing either closes both.
     */
    public KvClient reading(ReadConsistency consistency) {
        return new KvClient(raft, check, consistency);
    }

    // ---- writes

    /** Sets {@code key} to {@code value} if {@code condition} holds; the result says whether it did. */
    public CompletableFuture<PutResult> putAsync(Bytes key, Bytes value, PutCondition condition) {
        return submit(new KvCommand.Put(key, value, condition), PutResult.class);
    }

    public PutResult put(Bytes key, Bytes value, PutCondition condition) {
        return await(putAsync(key, value, condition));
    }

    public PutResult put(Bytes key, Bytes value) {
        return put(key, value, PutCondition.ALWAYS);
    }

    public PutResult put(String key, String value) {
        return put(Bytes.utf8(key), Bytes.utf8(value));
    }

    /**
     * Sets every pair in one command, so readers see all or none of them; completes with the revision of the write.
     * Pairs are applied in the map's iteration order.
     */
    public CompletableFuture<Long> putAllAsync(Map<Bytes, Bytes> pairs) {
        List<KvCommand.KeyValuePair> list = pairs.entrySet().stream()
                .map(pair -> new KvCommand.KeyValuePair(pair.getKey(), pair.getValue())).toList();
        return submit(new KvCommand.PutAll(list), KvResult.Written.class).thenApply(KvResult.Written::revision);
    }

    public long putAll(Map<Bytes, Bytes> pairs) {
        return await(putAllAsync(pairs));
    }

    /** Deletes the keys; the result counts those that existed. */
    public CompletableFuture<DeleteResult> deleteAsync(Collection<Bytes> keys) {
        return submit(new KvCommand.Delete(List.copyOf(keys)), DeleteResult.class);
    }

    public DeleteResult delete(Collection<Bytes> keys) {
        return await(deleteAsync(keys));
    }

    public DeleteResult delete(Bytes key) {
        return delete(List.of(key));
    }

    public DeleteResult delete(String... keys) {
        return delete(utf8(keys));
    }

    /**
     * Sets {@code key} to {@code value} only if its mod revision is {@code expectedModRevision}, or, with {@code 0},
     * only if it does not exist. A failed comparison is a result, not an error: it carries the current entry.
     */
    public CompletableFuture<CasResult> compareAndSetAsync(Bytes key, long expectedModRevision, Bytes value) {
        return submit(new KvCommand.CompareAndSet(key, expectedModRevision, value), CasResult.class);
    }

    public CasResult compareAndSet(Bytes key, long expectedModRevision, Bytes value) {
        return await(compareAndSetAsync(key, expectedModRevision, value));
    }

    public CasResult compareAndSet(String key, long expectedModRevision, String value) {
        return compareAndSet(Bytes.utf8(key), expectedModRevision, Bytes.utf8(value));
    }

    /**
     * Adds {@code delta} to the decimal integer at {@code key} (a missing key counts as 0). Fails with
     * {@link KvError#NOT_AN_INTEGER} or {@link KvError#OVERFLOW}, leaving the value as it was.
     */
    public CompletableFuture<IncrementResult> incrementAsync(Bytes key, long delta) {
        return submit(new KvCommand.Increment(key, delta), IncrementResult.class);
    }

    public IncrementResult increment(Bytes key, long delta) {
        return await(incrementAsync(key, delta));
    }

    public IncrementResult increment(String key, long delta) {
        return increment(Bytes.utf8(key), delta);
    }

    // ---- reads

    public CompletableFuture<Optional<KeyValue>> getAsync(Bytes key) {
        return getAllAsync(List.of(key)).thenApply(entries -> entries.get(0));
    }

    public Optional<KeyValue> get(Bytes key) {
        return await(getAsync(key));
    }

    public Optional<KeyValue> get(String key) {
        return get(Bytes.utf8(key));
    }

    /** The entries of {@code keys}, in the same order, empty for absent keys, all read at one point of the log. */
    public CompletableFuture<List<Optional<KeyValue>>> getAllAsync(List<Bytes> keys) {
        return query(new KvQuery.Get(keys), KvResult.Entries.class).thenApply(KvResult.Entries::entries);
    }

    public List<Optional<KeyValue>> getAll(List<Bytes> keys) {
        return await(getAllAsync(keys));
    }

    /**
     * Up to {@code limit} entries whose keys start with {@code prefix}, in unsigned byte order, after {@code after}
     * when given: pass a page's last key to get the next page.
     */
    public CompletableFuture<ScanResult> scanAsync(Bytes prefix, Optional<Bytes> after, int limit) {
        return query(new KvQuery.Scan(prefix, after, limit), ScanResult.class);
    }

    public ScanResult scan(Bytes prefix, Optional<Bytes> after, int limit) {
        return await(scanAsync(prefix, after, limit));
    }

    public ScanResult scan(String prefix, int limit) {
        return scan(Bytes.utf8(prefix), Optional.empty(), limit);
    }

    /** Up to {@code limit} keys matching the Redis glob {@code pattern}, in order, after {@code after} if given. */
    public CompletableFuture<KeysResult> keysAsync(Bytes pattern, Optional<Bytes> after, int limit) {
        return query(new KvQuery.Keys(pattern, after, limit), KeysResult.class);
    }

    public KeysResult keys(Bytes pattern, Optional<Bytes> after, int limit) {
        return await(keysAsync(pattern, after, limit));
    }

    public KeysResult keys(String pattern, int limit) {
        return keys(Bytes.utf8(pattern), Optional.empty(), limit);
    }

    /** How many keys the store holds (Redis {@code DBSIZE}). */
    public CompletableFuture<Long> countAsync() {
        return query(new KvQuery.Count(), KvResult.Count.class).thenApply(KvResult.Count::count);
    }

    public long count() {
        return await(countAsync());
    }

    /** How many of {@code keys} exist, a key named twice counting twice (Redis {@code EXISTS}). */
    public CompletableFuture<Long> existsAsync(Collection<Bytes> keys) {
        return query(new KvQuery.Exists(List.copyOf(keys)), KvResult.Count.class).thenApply(KvResult.Count::count);
    }

    public long exists(Collection<Bytes> keys) {
        return await(existsAsync(keys));
    }

    public long exists(String... keys) {
        return exists(utf8(keys));
    }

    /** Closes the underlying {@link RaftClient}, failing what is in flight with a shutdown error. */
    @Override
    public void close() {
        raft.close();
    }

    private <R extends KvResult> CompletableFuture<R> submit(KvCommand command, Class<R> type) {
        return send(check.check(command), () -> raft.submitAsync(RequestCodec.encode(command)), type);
    }

    private <R extends KvResult> CompletableFuture<R> query(KvQuery query, Class<R> type) {
        return send(check.check(query), () -> raft.queryAsync(RequestCodec.encode(query), reads), type);
    }

    /** Fails at once with the check's refusal, if any, else sends and decodes the reply as a {@code type}. */
    private static <R extends KvResult> CompletableFuture<R> send(Optional<KvResult.Failure> refused,
                                                                  Supplier<CompletableFuture<byte[]>> sending,
                                                                  Class<R> type) {
        if (refused.isPresent()) {
            return CompletableFuture.failedFuture(exception(refused.get()));
        }
        return sending.get().thenApply(reply -> expect(reply, type));
    }

    private static <R extends KvResult> R expect(byte[] reply, Class<R> type) {
        KvResult result = ResultCodec.decode(reply);
        if (result instanceof KvResult.Failure failure) {
            throw exception(failure);
        }
        if (!type.isInstance(result)) {
            throw new KvException(KvError.MALFORMED,
                    "expected a " + type.getSimpleName() + " but the store answered " + result);
        }
        return type.cast(result);
    }

    private static KvException exception(KvResult.Failure failure) {
        return new KvException(failure.error(), failure.message());
    }

    private static List<Bytes> utf8(String... keys) {
        return Arrays.stream(keys).map(Bytes::utf8).toList();
    }

    /** Waits, and throws the cause itself rather than a {@link CompletionException} that wraps it. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
