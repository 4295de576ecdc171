package io.github.raftkit.server.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one aggregated request at a time on a connection: GET and HEAD of {@link AdminRoutes}' paths, 405 for
 * any other method, and 400 for a request the codec could not read, after which the connection is closed because
 * its byte stream can no longer be trusted. Keep-alive is honoured otherwise.
 *
 * <p><b>Threading.</b> Stateless, so one instance serves every connection, each on its event loop.
 */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    private final AdminRoutes routes;

    AdminHandler(AdminRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            String cause = String.valueOf(request.decoderResult().cause().getMessage());
            send(ctx, AdminResponse.text(HttpResponseStatus.BAD_REQUEST, "malformed request: " + cause), true, false);
            return;
        }
        HttpMethod method = request.method();
        boolean head = HttpMethod.HEAD.equals(method);
        AdminResponse response = head || HttpMethod.GET.equals(method)
                ? routes.get(request.uri())
                : AdminResponse.text(HttpResponseStatus.METHOD_NOT_ALLOWED, method + " is not allowed: use GET or HEAD");
        send(ctx, response, !head, HttpUtil.isKeepAlive(request));
    }

    private static void send(ChannelHandlerContext ctx, AdminResponse answer, boolean withBody, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(),
                withBody ? Unpooled.wrappedBuffer(answer.body()) : Unpooled.EMPTY_BUFFER);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                // HEAD announces the length a GET would send (RFC 9110 §9.3.2).
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        if (answer.status().equals(HttpResponseStatus.METHOD_NOT_ALLOWED)) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A connection that fails (reset, read timeout) is closed; the server and other connections go on. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("admin connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
