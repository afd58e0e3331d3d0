package dev.metertap.collector.pge.notify;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not delivered a complete request (TLS handshake, headers and body) within the
 * timeout of connecting or of its previous answer. A read timeout would not do: a slowloris client sending a
 * byte a second resets it forever. Sits after the HTTP codec, which tells it where a request ends.
 */
final class RequestDeadline extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(NotificationReceiver.class);

    private final Duration timeout;
    private final ConnectionLimit limit;
    private ScheduledFuture<?> expiry;
    private boolean answered;

    RequestDeadline(Duration timeout, ConnectionLimit limit) {
        this.timeout = timeout;
        this.limit = limit;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof LastHttpContent) {
            disarm();
            limit.busy(ctx.channel());
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        // an interim answer (100 Continue) is part of the request still coming; a final one starts the wait for the next
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            promise = promise.unvoid();
            promise.addListener(written -> {
                if (written.isSuccess() && ctx.channel().isActive()) {
                    answered = true;
                    arm(ctx);
                    limit.waiting(ctx.channel());
                }
            });
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        expiry = ctx.executor().schedule(() -> expire(ctx), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        expiry = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (answered) {
            log.debug("closing idle notification connection from {}", ctx.channel().remoteAddress());
        } else {
            log.debug("closing notification connection from {}: no complete request within {}", ctx.channel().remoteAddress(), timeout);
            limit.timedOut();
        }
        ctx.close();
    }
}
