package io.github.raftkit.benchmarks.transport;

import io.github.raftkit.api.Endpoint;
import io.github.raftkit.api.GroupId;
import io.github.raftkit.api.Membership;
import io.github.raftkit.api.NodeId;
import io.github.raftkit.api.message.RaftMessage;
import io.github.raftkit.api.message.RequestVote;
import io.github.raftkit.api.message.RequestVoteResponse;
import io.github.raftkit.api.spi.ClientHandler;
import io.github.raftkit.api.spi.TransportContext;
import io.github.raftkit.transport.netty.NettyTransport;
import io.github.raftkit.transport.netty.NettyTransportSettings;
import io.github.raftkit.transport.netty.codec.FrameWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Echoed messages per second over 127.0.0.1: n1 sends a batch of RequestVotes, n2 answers each with a
 * RequestVoteResponse, and an invocation ends when every answer is back. The baseline does the same with plain
 * Netty: frames of the same size through a length-field decoder, echoed by the server. Both use NIO so that the
 * comparison is like for like; each batch waits at most {@link #DEADLINE_NANOS}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransportLoopbackBenchmark {
    static final int BATCH = 1000;
    static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final String HOST = "127.0.0.1";
    static final RequestVote VOTE = new RequestVote(GroupId.of("g1"), NodeId.of("n1"), NodeId.of("n2"), 3, 10, 2,
            false, false);

    /** Two raftkit transports; n2 answers whatever n1 asks. */
    @State(Scope.Benchmark)
    public static class Raftkit {
        final AtomicLong answers = new AtomicLong();
        NettyTransport n1;
        NettyTransport n2;

        @Setup
        public void setUp() {
            Membership membership = Membership.builder().add(NodeId.of("n1"), new Endpoint(HOST, freePort()))
                    .add(NodeId.of("n2"), new Endpoint(HOST, freePort())).build();
            Map<String, String> properties = Map.of("netty.io", "nio");
            n1 = new NettyTransport(new TransportContext(NodeId.of("n1"), membership, properties),
                    NettyTransportSettings.from(properties), new SimpleMeterRegistry());
            n2 = new NettyTransport(new TransportContext(NodeId.of("n2"), membership, properties),
                    NettyTransportSettings.from(properties), new SimpleMeterRegistry());
            n1.start(message -> answers.incrementAndGet(), ClientHandler.refusingAll("benchmark"));
            n2.start(message -> n2.send(answer(message)), ClientHandler.refusingAll("benchmark"));
            // The first batch also waits for the connection.
            sendBatchAndAwait(this);
        }

        @TearDown
        public void tearDown() {
            n1.close();
            n2.close();
        }

        private static RaftMessage answer(RaftMessage request) {
            return new RequestVoteResponse(request.group(), request.to(), request.from(), request.term(), false, true);
        }
    }

    /** A plain Netty client and echo server exchanging frames as large as the raftkit vote. */
    @State(Scope.Benchmark)
    public static class PlainNetty {
        final AtomicLong answers = new AtomicLong();
        EventLoopGroup group;
        Channel server;
        Channel client;
        ByteBuf frame;

        @Setup
        public void setUp() {
            group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            int port = freePort();
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(frames()).addLast(new SimpleChannelInboundHandler<ByteBuf>(false) {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                    ctx.write(msg);
                                }

                                @Override
                                public void channelReadComplete(ChannelHandlerContext ctx) {
                                    ctx.flush();
                                }
                            });
                        }
                    }).bind(HOST, port).syncUninterruptibly().channel();
            client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(frames()).addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                    answers.incrementAndGet();
                                }
                            });
                        }
                    }).connect(HOST, port).syncUninterruptibly().channel();
            frame = FrameWriter.write(PooledByteBufAllocator.DEFAULT, VOTE);
        }

        @TearDown
        public void tearDown() {
            frame.release();
            client.close().syncUninterruptibly();
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }

        private static LengthFieldBasedFrameDecoder frames() {
            // The raftkit header: the body length sits at offset 6, after magic, version and type.
            return new LengthFieldBasedFrameDecoder(1 << 20, 6, 4);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long raftkitTransportEcho(Raftkit state) {
        return sendBatchAndAwait(state);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long plainNettyEchoBaseline(PlainNetty state) {
        long target = state.answers.get() + BATCH;
        for (int i = 0; i < BATCH; i++) {
            state.client.write(state.frame.retainedDuplicate());
        }
        state.client.flush();
        return await(state.answers, target);
    }

    static long sendBatchAndAwait(Raftkit state) {
        long target = state.answers.get() + BATCH;
        for (int i = 0; i < BATCH; i++) {
            state.n1.send(VOTE);
        }
        return await(state.answers, target);
    }

    private static long await(AtomicLong answers, long target) {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        long seen;
        while ((seen = answers.get()) < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (seen - target + BATCH) + " of " + BATCH
                        + " answers within 10 s");
            }
            LockSupport.parkNanos(10_000);
        }
        return seen;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
