package io.github.raftkit.examples.kv.store;

import io.github.raftkit.examples.kv.command.Bytes;
import io.github.raftkit.examples.kv.command.KeyValue;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The store's entries as a persistent sorted map: a treap whose every change returns a new tree sharing all but
 * O(log n) nodes with the old one. Old trees stay valid and unchanged, which makes a snapshot view free: it is just
 * the root at that moment, written on another thread while the store moves on.
 *
 * <p>A node's priority is a hash of its key, so the shape depends only on the set of keys: every replica, and a
 * replica restored from a snapshot, holds the same tree. The expected depth is logarithmic; keys crafted to collide
 * in {@link Bytes#hashCode()} could deepen it, which this example accepts. Immutable and thread-safe.
 */
final class KeyTree {
    static final KeyTree EMPTY = new KeyTree(null);

    private record Node(KeyValue entry, int priority, Node left, Node right, int size) {
        Bytes key() {
            return entry.key();
        }
    }

    private record Split(Node less, Node greater) {
    }

    private final Node root;

    private KeyTree(Node root) {
        this.root = root;
    }

    int size() {
        return size(root);
    }

    Optional<KeyValue> get(Bytes key) {
        Node node = root;
        while (node != null) {
            int order = key.compareTo(node.key());
            if (order == 0) {
                return Optional.of(node.entry());
            }
            node = order < 0 ? node.left() : node.right();
        }
        return Optional.empty();
    }

    /** This tree with {@code entry} stored under its key, replacing any entry the key had. */
    KeyTree put(KeyValue entry) {
        return get(entry.key()).isPresent() ? replace(entry) : insert(entry);
    }

    /** This tree with {@code entry} in place of the entry its key has; the key must be present. */
    KeyTree replace(KeyValue entry) {
        return new KeyTree(replace(root, entry));
    }

    /** This tree with {@code entry} added; its key must be absent. */
    KeyTree insert(KeyValue entry) {
        return new KeyTree(insert(root, entry, priority(entry.key())));
    }

    /** This tree without {@code key}. */
    KeyTree remove(Bytes key) {
        return get(key).isPresent() ? new KeyTree(remove(root, key)) : this;
    }

    /** The entries in unsigned key order, from the first key at or after {@code start} ({@code inclusive}) or after. */
    Iterator<KeyValue> from(Bytes start, boolean inclusive) {
        Deque<Node> path = new ArrayDeque<>();
        Node node = root;
        while (node != null) {
            int order = node.key().compareTo(start);
            if (order > 0 || order == 0 && inclusive) {
                path.push(node);
                node = node.left();
            } else {
                node = node.right();
            }
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !path.isEmpty();
            }

            @Override
            public KeyValue next() {
                if (path.isEmpty()) {
                    throw new NoSuchElementException();
                }
                Node next = path.pop();
                for (Node child = next.right(); child != null; child = child.left()) {
                    path.push(child);
                }
                return next.entry();
            }
        };
    }

    /** Every entry in key order. */
    Iterator<KeyValue> iterator() {
        return from(Bytes.EMPTY, true);
    }

    private static Node replace(Node node, KeyValue entry) {
        int order = entry.key().compareTo(node.key());
        if (order == 0) {
            return new Node(entry, node.priority(), node.left(), node.right(), node.size());
        }
        return order < 0 ? node(node, replace(node.left(), entry), node.right())
                : node(node, node.left(), replace(node.right(), entry));
    }

    private static Node insert(Node node, KeyValue entry, int priority) {
        if (node == null || priority > node.priority()) {
            Split split = split(node, entry.key());
            int size = size(split.less()) + size(split.greater()) + 1;
            return new Node(entry, priority, split.less(), split.greater(), size);
        }
        return entry.key().compareTo(node.key()) < 0 ? node(node, insert(node.left(), entry, priority), node.right())
                : node(node, node.left(), insert(node.right(), entry, priority));
    }

    /** Splits a tree that does not hold {@code key} into the keys below it and the keys above it. */
    private static Split split(Node node, Bytes key) {
        if (node == null) {
            return new Split(null, null);
        }
        if (node.key().compareTo(key) < 0) {
            Split right = split(node.right(), key);
            return new Split(node(node, node.left(), right.less()), right.greater());
        }
        Split left = split(node.left(), key);
        return new Split(left.less(), node(node, left.greater(), node.right()));
    }

    private static Node remove(Node node, Bytes key) {
        int order = key.compareTo(node.key());
        if (order == 0) {
            return merge(node.left(), node.right());
        }
        return order < 0 ? node(node, remove(node.left(), key), node.right())
                : node(node, node.left(), remove(node.right(), key));
    }

    /** Joins two trees whose keys are all below ({@code less}) and all above ({@code greater}) each other. */
    private static Node merge(Node less, Node greater) {
        if (less == null || greater == null) {
            return less == null ? greater : less;
        }
        if (less.priority() > greater.priority()) {
            return node(less, less.left(), merge(less.right(), greater));
        }
        return node(greater, merge(less, greater.left()), greater.right());
    }

    private static Node node(Node like, Node left, Node right) {
        return new Node(like.entry(), like.priority(), left, right, size(left) + size(right) + 1);
    }

    private static int size(Node node) {
        return node == null ? 0 : node.size();
    }

    /** Spreads the key's hash (MurmurHash3's finaliser), so that similar keys get unrelated priorities. */
    private static int priority(Bytes key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
