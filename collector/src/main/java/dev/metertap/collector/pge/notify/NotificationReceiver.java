package dev.metertap.collector.pge.notify;

import dev.metertap.collector.pge.client.ResourceScope;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The HTTPS endpoint PG&E POSTs notifications to (Netty, its own certificate). It answers at once,
 * reads the BatchList (bounded, no DTDs), skips PG&E's {@code correlationID=000000000-b} placeholder,
 * refuses URLs not under the configured PG&E base (a notification is unsigned: an untrusted hint),
 * passes each new correlationID to {@code onResource} once, on its own thread, and records every
 * refusal with the reason. Each connection must deliver a complete request within the configured time of
 * connecting (or of its previous answer), and at most the configured number are open at once
 * ({@link ConnectionLimit}), so a flood or a slowloris client costs bounded memory and PG&E still gets in.
 */
public final class NotificationReceiver implements AutoCloseable {

    static final String PLACEHOLDER_CORRELATION_ID = "000000000-b";
    private static final Logger log = LoggerFactory.getLogger(NotificationReceiver.class);
    private static final int KEEP_REFUSALS = 1000;

    private final ReceiverSettings settings;
    private final SeenNotifications seen;
    private final Consumer<NotifiedResource> onResource;
    private final ResourceScope scope;
    private final Clock clock;
    private final Deque<RefusedNotification> refused = new ArrayDeque<>();
    private final List<Consumer<RefusedNotification>> refusalListeners = new CopyOnWriteArrayList<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private ExecutorService delivery;
    private Channel channel;
    private volatile ConnectionLimit connections;

    public NotificationReceiver(ReceiverSettings settings, SeenNotifications seen, Consumer<NotifiedResource> onResource) {
        this(settings, seen, onResource, Clock.systemUTC());
    }

    public NotificationReceiver(ReceiverSettings settings, SeenNotifications seen, Consumer<NotifiedResource> onResource,
                                Clock clock) {
        this.settings = settings;
        this.seen = seen;
        this.onResource = onResource;
        this.scope = new ResourceScope(settings.allowedBase());
        this.clock = clock;
    }

    /** Also tells {@code listener} of each refusal as it happens (the {@code pge listen} command prints them). */
    public NotificationReceiver onRefused(Consumer<RefusedNotification> listener) {
        refusalListeners.add(listener);
        return this;
    }

    public synchronized NotificationReceiver start() throws IOException {
        if (channel != null) {
            return this;
        }
        SslContext tls = serverTls();
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(1);
        ConnectionLimit limit = new ConnectionLimit(settings.maxConnections(),
                new PressureLog(settings.requestTimeout(), settings.maxConnections(), workers));
        connections = limit;
        delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pge-notification-delivery");
            thread.setDaemon(true);
            return thread;
        });
        try {
            channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (!limit.admit(ch)) {
                                return; // closed at once: no TLS engine is made for it
                            }
                            SslHandler handshake = tls.newHandler(ch.alloc());
                            handshake.setHandshakeTimeoutMillis(0); // the request deadline, armed at connect, bounds it
                            ch.pipeline()
                                    .addLast(handshake)
                                    .addLast(new HttpServerCodec(4096, 8192, 8192))
                                    .addLast(new RequestDeadline(settings.requestTimeout(), limit))
                                    .addLast(new BoundedBody(settings.maxBodyBytes()))
                                    .addLast(new Notifications());
                        }
                    })
                    .bind(settings.bind()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while binding " + settings.bind());
        } catch (RuntimeException e) {
            close();
            throw new IOException("cannot listen on " + settings.bind() + ": " + e.getMessage(), e);
        }
        log.info("notification receiver listening on https://{}:{} (following only {})",
                settings.bind().getHostString(), port(), settings.allowedBase());
        return this;
    }

    public int port() {
        if (channel == null) {
            throw new IllegalStateException("the receiver is not started");
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** How many connections are open and have been admitted, closed to make room, refused or timed out since start. */
    public ConnectionCounts connections() {
        ConnectionLimit limit = connections;
        if (limit == null) {
            throw new IllegalStateException("the receiver is not started");
        }
        return limit.counts();
    }

    /** The latest refusals, oldest first. */
    public List<RefusedNotification> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    @Override
    public synchronized void close() {
        if (connections != null && channel != null) {
            ConnectionCounts counts = connections.counts();
            if (counts.closedToMakeRoom() + counts.refused() + counts.timedOut() > 0) {
                log.info("notification receiver stopping; since start: {} connection(s), {} closed to make room, {} refused,"
                        + " {} closed for sending no complete request in time", counts.admitted() + counts.refused(),
                        counts.closedToMakeRoom(), counts.refused(), counts.timedOut());
            }
        }
        if (channel != null) {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            boss = null;
            workers = null;
        }
        if (delivery != null) {
            delivery.shutdown();
            delivery = null;
        }
    }

    private SslContext serverTls() throws IOException {
        try {
            return SslContextBuilder.forServer(settings.serverIdentity().privateKey(),
                            settings.serverIdentity().chain().toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .clientAuth(ClientAuth.NONE)
                    .build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IOException("cannot set up the receiver's TLS: " + e.getMessage(), e);
        }
    }

    private void refuse(String reason, String detail) {
        RefusedNotification refusal = new RefusedNotification(clock.instant(), reason, detail);
        log.warn("refused notification: {} ({})", reason, detail);
        synchronized (refused) {
            if (refused.size() == KEEP_REFUSALS) {
                refused.removeFirst();
            }
            refused.addLast(refusal);
        }
        refusalListeners.forEach(listener -> listener.accept(refusal));
    }

    /** Checks each URL; returns the ones to follow. Runs before the answer is sent, so refusals are recorded by then. */
    private List<NotifiedResource> accept(List<String> urls) {
        Instant now = clock.instant();
        List<NotifiedResource> accepted = new ArrayList<>();
        for (String text : urls) {
            URI url;
            try {
                url = new URI(text);
            } catch (URISyntaxException e) {
                refuse(RefusedNotification.MALFORMED, "not a URL: " + abbreviate(text));
                continue;
            }
            String correlationId = correlationId(url);
            if (PLACEHOLDER_CORRELATION_ID.equals(correlationId)) {
                continue; // PG&E's placeholder since 2026: nothing behind it
            }
            String refusal = scope.refusal(url);
            if (!refusal.isEmpty()) {
                refuse(RefusedNotification.FOREIGN_URL, abbreviate(text) + ": " + refusal);
                continue;
            }
            String key = correlationId != null ? correlationId : url.toString();
            if (!seen.firstTime(key)) {
                log.debug("notification for correlationID {} seen before: not followed again", key);
                continue;
            }
            accepted.add(new NotifiedResource(url, key, now));
        }
        return accepted;
    }

    private static String correlationId(URI url) {
        List<String> values = new QueryStringDecoder(url).parameters().get("correlationID");
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** Aggregates the body up to the limit; a larger one is answered 413 and recorded. */
    private final class BoundedBody extends HttpObjectAggregator {
        BoundedBody(int maxBytes) {
            super(maxBytes, true);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
            refuse(RefusedNotification.OVERSIZED, "body larger than " + settings.maxBodyBytes() + " bytes"
                    + (HttpUtil.isContentLengthSet(oversized) ? " (Content-Length " + HttpUtil.getContentLength(oversized) + ")" : ""));
            super.handleOversizedMessage(ctx, oversized);
        }

        /** The aggregator answers {@code Expect: 100-continue} itself, without the hook above: record its refusals too. */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
            if (answer instanceof HttpResponse response) {
                if (HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.equals(response.status())) {
                    refuse(RefusedNotification.OVERSIZED, "body larger than " + settings.maxBodyBytes() + " bytes announced"
                            + " with Expect: 100-continue (Content-Length " + HttpUtil.getContentLength(start, -1L) + ")");
                } else if (HttpResponseStatus.EXPECTATION_FAILED.equals(response.status())) {
                    refuse(RefusedNotification.MALFORMED, "unsupported Expect: "
                            + abbreviate(String.valueOf(start.headers().get(HttpHeaderNames.EXPECT))));
                }
            }
            return answer;
        }
    }

    private final class Notifications extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!HttpMethod.POST.equals(request.method())) {
                refuse(RefusedNotification.NOT_POST, request.method() + " " + abbreviate(request.uri()));
                answer(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED);
                return;
            }
            List<NotifiedResource> accepted;
            try {
                accepted = accept(BatchListParser.parse(ByteBufUtil.getBytes(request.content())));
            } catch (IllegalArgumentException e) {
                refuse(RefusedNotification.MALFORMED, e.getMessage());
                answer(ctx, request, HttpResponseStatus.BAD_REQUEST);
                return;
            }
            // handed to another thread, so the answer never waits for a fetch; queued before answering,
            // so once PG&E (or a test) has the answer, every resource of the notification is queued
            ExecutorService executor = delivery;
            for (NotifiedResource resource : accepted) {
                log.info("notification: {}", resource.url());
                if (executor != null) {
                    executor.execute(() -> deliver(resource));
                }
            }
            answer(ctx, request, HttpResponseStatus.OK);
        }

        private void deliver(NotifiedResource resource) {
            try {
                onResource.accept(resource);
            } catch (RuntimeException e) {
                log.warn("handling notified resource {} failed: {}", resource.url(), e.toString());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("notification connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }

        private void answer(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(status.reasonPhrase() + "\n", StandardCharsets.US_ASCII));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=us-ascii");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request) && status == HttpResponseStatus.OK;
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
