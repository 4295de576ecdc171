package io.github.raftkit.testkit.linearizability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One named lock with fencing tokens, the sequential specification of a distributed lock service: each key of a
 * history is one lock, and an owner is whatever the service grants to (a session or client id). The lock is free,
 * held {@linkplain Mode#EXCLUSIVE exclusively} by one owner, or held {@linkplain Mode#SHARED shared} by any number.
 * Every grant answers a fencing token, the log index of the grant, so tokens are positive and each grant's token
 * exceeds every earlier grant's on that lock, with one exception: readers granted together by one release share
 * that release's index, so a shared grant may repeat the token of a reader holding the lock now.
 *
 * <ul>
 *   <li>{@link Acquire} answers {@link Granted}. An owner that already holds the lock in the mode it asks for is
 *       answered the token it holds, with no new grant; re-entry is not counted, so one release frees it. The model
 *       has no upgrades or downgrades: a holder asking for the other mode cannot be granted.</li>
 *   <li>{@link Release} answers {@link Released}, and only a holder's release can. A completed release must be
 *       recorded with that output, because a {@code null} output is what the checker passes for an indeterminate
 *       one.</li>
 *   <li>{@link Expire} is the service dropping an owner's session: the owner no longer holds the lock, or never did.
 *       Its output is ignored.</li>
 *   <li>{@link Holders} answers {@link HeldBy}, the owners holding the lock; it changes nothing.</li>
 * </ul>
 *
 * <p>Outcomes a client did not see.
 * <ul>
 *   <li>A refused acquire ({@link OpStatus#FAIL}) is dropped by the checker, even one on a lock that was free
 *       throughout: a try-acquire may give up waiting before its turn comes. An acquire whose client gave up with no
 *       answer may still be granted, so it is {@link OpStatus#INFO}, not a failure.</li>
 *   <li>An expiry, or a release nobody saw answer ({@code INFO}), frees the lock at some instant after it was
 *       invoked, or never. Record an expiry as invoked when the holder stopped believing it held the lock (its lease
 *       ran out, its session was lost): another owner's grant that returned after that instant may then follow it,
 *       and one that returned before it, while the holder still held, is not linearizable.</li>
 *   <li>An acquire nobody saw answer may have been granted, with a token nobody saw. That token exceeds the last one
 *       granted, so is at least one more, and is below every token granted after it. The state keeps the last token
 *       as a lower bound, which such a grant raises by one, and keeps the range the unseen token lies in, which a
 *       re-entry by its owner narrows to the token it answers. The model does not remember the order of grants, so
 *       these bounds are looser than they could be (learning one unseen token does not narrow the unseen tokens
 *       granted after it): a wrong history may pass that a finer model would reject, but no correct one fails.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class LockModel implements Model<LockModel.State, LockModel.Input, LockModel.Output> {

    /** How an owner holds the lock. */
    public enum Mode {
        /** Alone: granted only while the lock is free. */
        EXCLUSIVE,
        /** Among readers: granted while the lock is free or held shared. */
        SHARED
    }

    /** What a client asks of a lock. */
    public sealed interface Input permits Acquire, Release, Expire, Holders {
    }

    /** Takes the lock for {@code owner} in {@code mode}; answers {@link Granted}. */
    public record Acquire(long owner, Mode mode) implements Input {

        public Acquire {
            Objects.requireNonNull(mode, "mode");
        }
    }

    /** Gives up {@code owner}'s hold; answers {@link Released} if it held the lock. */
    public record Release(long owner) implements Input {
    }

    /** The service dropped {@code owner}'s session, and with it any hold; its output is ignored. */
    public record Expire(long owner) implements Input {
    }

    /** Asks who holds the lock; answers {@link HeldBy}. */
    public record Holders() implements Input {
    }

    /** What a lock answers. */
    public sealed interface Output permits Granted, Released, HeldBy {
    }

    /** The lock was granted, or was already held, with fencing token {@code token}. */
    public record Granted(long token) implements Output {
    }

    /** The holder's release took effect. */
    public record Released() implements Output {
    }

    /** The owners holding the lock, none if it is free. */
    public record HeldBy(Set<Long> owners) implements Output {

        public HeldBy {
            owners = Collections.unmodifiableSortedSet(new TreeSet<>(owners));
        }
    }

    /**
     * One owner's hold, and the range its token lies in: one value once known, or, for a grant nobody saw, from one
     * more than the last token before it to one less than the first token seen granted after it.
     */
    public record Hold(long owner, long lowestToken, long highestToken) {

        public Hold {
            if (lowestToken <= 0 || lowestToken > highestToken) {
                throw new IllegalArgumentException("owner " + owner + "'s token cannot lie in [" + lowestToken + ", "
                        + highestToken + "]");
            }
        }

        /** Whether the token is known: the grant was seen, or a re-entry since answered it. */
        public boolean tokenKnown() {
            return lowestToken == highestToken;
        }

        boolean admits(long token) {
            return lowestToken <= token && token <= highestToken;
        }

        @Override
        public String toString() {
            if (tokenKnown()) {
                return owner + " (token " + lowestToken + ")";
            }
            return owner + " (token " + lowestToken + ".." + (highestToken == Long.MAX_VALUE ? "" : highestToken)
                    + ")";
        }
    }

    /**
     * The lock's state: how it is held ({@code mode} is empty exactly when it is free), its holds sorted by owner,
     * and {@code lastToken}, the last token granted or, after grants nobody saw, a lower bound on it. Every grant's
     * token must exceed it.
     */
    public record State(Optional<Mode> mode, List<Hold> holds, long lastToken) {

        public State {
            Objects.requireNonNull(mode, "mode");
            holds = holds.stream().sorted(Comparator.comparingLong(Hold::owner)).toList();
            if (holds.stream().map(Hold::owner).distinct().count() != holds.size()) {
                throw new IllegalArgumentException("an owner holds the lock twice: " + holds);
            }
            if (mode.isEmpty() != holds.isEmpty() || mode.equals(Optional.of(Mode.EXCLUSIVE)) && holds.size() > 1) {
                throw new IllegalArgumentException("a lock held " + mode + " cannot have holds " + holds);
            }
            if (lastToken < 0) {
                throw new IllegalArgumentException("tokens are positive, so the last cannot be " + lastToken);
            }
        }

        /** The owners holding the lock. */
        public SortedSet<Long> owners() {
            return Collections.unmodifiableSortedSet(
                    holds.stream().map(Hold::owner).collect(Collectors.toCollection(TreeSet::new)));
        }

        private Optional<Hold> holdOf(long owner) {
            return holds.stream().filter(hold -> hold.owner() == owner).findFirst();
        }

        private boolean grantable(Mode asked) {
            return mode.isEmpty() || asked == Mode.SHARED && mode.get() == Mode.SHARED;
        }

        /**
         * A grant seen with {@code token}: every hold already there was granted before it, so has a smaller token,
         * except readers granted in the same batch, whose token can only be this one.
         */
        private State granted(long owner, Mode asked, long token) {
            List<Hold> next = new ArrayList<>(holds.size() + 1);
            holds.forEach(h -> next.add(h.lowestToken() >= token ? new Hold(h.owner(), token, token)
                    : new Hold(h.owner(), h.lowestToken(), Math.min(h.highestToken(), token - 1))));
            next.add(new Hold(owner, token, token));
            return new State(Optional.of(asked), next, token);
        }

        /** A grant nobody saw: its token is at least one more than the last, and later ones exceed it in turn. */
        private State grantedUnseen(long owner, Mode asked) {
            List<Hold> next = new ArrayList<>(holds);
            next.add(new Hold(owner, lastToken + 1, Long.MAX_VALUE));
            return new State(Optional.of(asked), next, lastToken + 1);
        }

        /** {@code owner}'s token is {@code token}, which every later grant exceeds. */
        private State learned(long owner, long token) {
            List<Hold> next = holds.stream()
                    .map(h -> h.owner() == owner ? new Hold(owner, token, token) : h)
                    .toList();
            return new State(mode, next, Math.max(lastToken, token));
        }

        private State without(long owner) {
            List<Hold> next = holds.stream().filter(h -> h.owner() != owner).toList();
            return new State(next.isEmpty() ? Optional.empty() : mode, next, lastToken);
        }

        @Override
        public String toString() {
            String held = mode.map(m -> "held " + name(m) + " by " + holds.stream().map(Hold::toString)
                    .collect(Collectors.joining(", "))).orElse("free");
            return held + "; next token > " + lastToken;
        }
    }

    @Override
    public State initial() {
        return new State(Optional.empty(), List.of(), 0);
    }

    @Override
    public Optional<State> step(State state, Input input, Output output) {
        if (input instanceof Acquire acquire) {
            return acquire(state, acquire, output == null ? null : expect(Granted.class, input, output).token());
        }
        if (input instanceof Release release) {
            return release(state, release, output);
        }
        if (input instanceof Expire expire) {
            return Optional.of(state.without(expire.owner()));
        }
        // What is left is a query of the holders, which changes nothing.
        return output == null || expect(HeldBy.class, input, output).owners().equals(state.owners())
                ? Optional.of(state) : Optional.empty();
    }

    private static Optional<State> release(State state, Release release, Output output) {
        if (output == null) {
            // Nobody saw the answer: it freed the lock if its owner held it, and otherwise did nothing.
            return Optional.of(state.without(release.owner()));
        }
        expect(Released.class, release, output);
        return state.holdOf(release.owner()).isPresent()
                ? Optional.of(state.without(release.owner())) : Optional.empty();
    }

    /** An acquire's step; {@code token} is {@code null} when nobody saw the answer. */
    private static Optional<State> acquire(State state, Acquire acquire, Long token) {
        Optional<Hold> held = state.holdOf(acquire.owner());
        if (held.isPresent()) {
            // Re-entry makes no grant, so it answers the token already held; a token held unseen is learned here.
            if (state.mode().orElseThrow() != acquire.mode() || token != null && !held.get().admits(token)) {
                return Optional.empty();
            }
            return Optional.of(token == null ? state : state.learned(acquire.owner(), token));
        }
        // An acquire's only effect is a grant, so one the lock cannot grant now can only take effect later or never
        // (and no token exceeds Long.MAX_VALUE).
        if (!state.grantable(acquire.mode()) || state.lastToken() == Long.MAX_VALUE) {
            return Optional.empty();
        }
        if (token == null) {
            return Optional.of(state.grantedUnseen(acquire.owner(), acquire.mode()));
        }
        return token > state.lastToken() || sharesABatchGrant(state, acquire, token)
                ? Optional.of(state.granted(acquire.owner(), acquire.mode(), token)) : Optional.empty();
    }

    /**
     * Readers granted together, when one release hands the lock to every reader at the head of the queue, get the
     * same token, that release's log index: a shared grant may repeat the token of a reader that holds it now.
     */
    private static boolean sharesABatchGrant(State state, Acquire acquire, long token) {
        return acquire.mode() == Mode.SHARED && state.mode().equals(Optional.of(Mode.SHARED))
                && token == state.lastToken()
                && state.holds().stream().anyMatch(hold -> hold.tokenKnown() && hold.lowestToken() == token);
    }

    private static <T extends Output> T expect(Class<T> type, Input input, Output output) {
        if (!type.isInstance(output)) {
            throw new IllegalArgumentException(input + " answers " + type.getSimpleName() + ", not " + output);
        }
        return type.cast(output);
    }

    @Override
    public boolean readOnly(Input input) {
        return input instanceof Holders;
    }

    @Override
    public String describe(Input input, Output output) {
        if (input instanceof Acquire acquire) {
            String token = output instanceof Granted granted ? "token " + granted.token() : "?";
            return "acquire " + name(acquire.mode()) + " by " + acquire.owner() + ": " + token;
        }
        if (input instanceof Release release) {
            return "release by " + release.owner() + ": " + (output == null ? "?" : "released");
        }
        if (input instanceof Expire expire) {
            return "session of " + expire.owner() + " expires";
        }
        return "holders: " + (output instanceof HeldBy heldBy ? heldBy.owners() : "?");
    }

    private static String name(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
