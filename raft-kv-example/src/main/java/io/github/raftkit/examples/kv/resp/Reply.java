package io.github.raftkit.examples.kv.resp;

import io.github.raftkit.examples.kv.command.Bytes;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import java.util.List;
import java.util.Objects;

/**
 * One answer to one command, in RESP's types. Replies hold no Netty buffers until {@link #message()} makes one on the
 * event loop, so a reply that completes after its connection closed leaks nothing. Immutable.
 */
sealed interface Reply {
    Reply OK = new Status("OK");
    Reply NIL = new Nil();

    /** The message for {@code RedisEncoder}; called once, on the connection's event loop, when the reply is written. */
    RedisMessage message();

    /** {@code +text}. */
    record Status(String text) implements Reply {
        public Status {
            text = oneLine(text);
        }

        @Override
        public RedisMessage message() {
            return new SimpleStringRedisMessage(text);
        }
    }

    /** {@code -CODE text}: the first word is the error code clients act on ({@code ERR}, {@code TRYAGAIN}). */
    record Error(String text) implements Reply {
        public Error {
            text = oneLine(text);
        }

        @Override
        public RedisMessage message() {
            return new ErrorRedisMessage(text);
        }
    }

    /** {@code :value}. */
    record Number(long value) implements Reply {
        @Override
        public RedisMessage message() {
            return new IntegerRedisMessage(value);
        }
    }

    /** {@code $length} and the bytes. */
    record Bulk(Bytes value) implements Reply {
        public Bulk {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public RedisMessage message() {
            return new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(value.toByteArray()));
        }
    }

    /** {@code $-1}, the absent value. */
    record Nil() implements Reply {
        @Override
        public RedisMessage message() {
            return FullBulkStringRedisMessage.NULL_INSTANCE;
        }
    }

    /** {@code *count} and the items. */
    record Array(List<Reply> items) implements Reply {
        public Array {
            items = List.copyOf(items);
        }

        @Override
        public RedisMessage message() {
            return new ArrayRedisMessage(items.stream().map(Reply::message).toList());
        }
    }

    /** {@code last}, after which the connection is closed: the answer to {@code QUIT} and to a protocol error. */
    record Closing(Reply last) implements Reply {
        public Closing {
            Objects.requireNonNull(last, "last");
        }

        @Override
        public RedisMessage message() {
            return last.message();
        }
    }

    /** A status or error line cannot hold CR or LF: they would end it early and corrupt the stream. */
    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
