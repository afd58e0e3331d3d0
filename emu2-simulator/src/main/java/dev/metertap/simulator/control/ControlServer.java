package dev.metertap.simulator.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.metertap.simulator.Emu2Simulator;
import dev.metertap.simulator.fault.FaultSyntax;
import dev.metertap.simulator.journal.JournalEntry;
import dev.metertap.simulator.journal.JsonLinesJournal;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP API on a running simulator, for Cucumber steps and people with curl:
 *
 * <pre>
 * GET    /status                       simulated time, plugged, faults, load, journal size, ports
 * GET    /journal?after=N              journal entries after sequence N, as JSON lines
 * GET    /faults                       faults in force
 * POST   /faults/{name}?value=X        set a fault (see --list-faults); DELETE /faults/{name} clears it
 * DELETE /faults                       clear every fault
 * POST   /load?extra=W | fixed=W | release    change the household load (watts)
 * POST   /rejoin?seconds=S             a rejoin episode
 * POST   /unplug?seconds=S             pull the cable for S simulated seconds
 * POST   /silence?seconds=S            say nothing for S simulated seconds
 * POST   /advance?seconds=S            manual time only: run S simulated seconds now
 * POST   /command   (body: XML)        deliver command text as if a host had sent it
 * </pre>
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final Emu2Simulator sim;
    private final InetSocketAddress bind;
    private EventLoopGroup group;
    private Channel server;

    public ControlServer(Emu2Simulator sim, InetSocketAddress bind) {
        this.sim = sim;
        this.bind = bind;
    }

    public synchronized ControlServer start() throws IOException {
        group = new NioEventLoopGroup(1);
        try {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), new Handler());
                        }
                    })
                    .bind(bind).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully();
            throw new IOException("cannot listen on " + bind + ": " + e.getMessage(), e);
        }
        LOG.info("control API at http://{}:{}/status", address().getHostString(), address().getPort());
        return this;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close().awaitUninterruptibly(2000);
            group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(3000);
            server = null;
        }
    }

    /** A reply: status and body. */
    private record Reply(HttpResponseStatus status, String contentType, String body) {
        static Reply json(Object value) {
            try {
                return new Reply(HttpResponseStatus.OK, "application/json", JSON.writeValueAsString(value) + "\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static Reply error(HttpResponseStatus status, String message) {
            ObjectNode node = JSON.createObjectNode().put("error", message);
            return new Reply(status, "application/json", node + "\n");
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            Reply reply;
            try {
                reply = route(request);
            } catch (IllegalArgumentException | IllegalStateException e) {
                reply = Reply.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("control request {} {} failed", request.method(), request.uri(), e);
                reply = Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, e.toString());
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
                    Unpooled.copiedBuffer(reply.body(), StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType() + "; charset=utf-8");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            var future = ctx.writeAndFlush(response);
            if (!keepAlive) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("control connection: {}", cause.toString());
            ctx.close();
        }
    }

    private Reply route(FullHttpRequest request) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String path = query.path();
        Map<String, List<String>> params = query.parameters();
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.GET) && path.equals("/status")) {
            return Reply.json(status());
        }
        if (method.equals(HttpMethod.GET) && path.equals("/journal")) {
            long after = params.containsKey("after") ? Long.parseLong(first(params, "after")) : 0;
            StringBuilder out = new StringBuilder();
            for (JournalEntry e : sim.journal().entriesAfter(after)) {
                out.append(JsonLinesJournal.line(e)).append('\n');
            }
            return new Reply(HttpResponseStatus.OK, "application/x-ndjson", out.toString());
        }
        if (path.equals("/faults")) {
            if (method.equals(HttpMethod.DELETE)) {
                sim.faults().clear();
            }
            return Reply.json(faults());
        }
        if (path.startsWith("/faults/")) {
            String name = path.substring("/faults/".length());
            if (method.equals(HttpMethod.DELETE)) {
                sim.faults().clear(name);
            } else if (method.equals(HttpMethod.POST) || method.equals(HttpMethod.PUT)) {
                sim.faults().set(name, Double.parseDouble(first(params, "value")));
            } else {
                FaultSyntax.kind(name); // an unknown name is an error for a GET too
            }
            return Reply.json(faults());
        }
        if (!method.equals(HttpMethod.POST)) {
            return Reply.error(HttpResponseStatus.NOT_FOUND, "no " + method + " " + path + "; see GET /status");
        }
        switch (path) {
            case "/load" -> {
                if (params.containsKey("fixed")) {
                    sim.setFixedWatts(Integer.parseInt(first(params, "fixed")));
                } else if (params.containsKey("release")) {
                    sim.setFixedWatts(null);
                }
                if (params.containsKey("extra")) {
                    sim.setExtraWatts(Integer.parseInt(first(params, "extra")));
                }
                return Reply.json(status());
            }
            case "/rejoin" -> sim.rejoin(seconds(params, 120));
            case "/unplug" -> sim.unplug(seconds(params, 30));
            case "/silence" -> sim.silence(seconds(params, 60));
            case "/advance" -> sim.advance(seconds(params, 1));
            case "/command" -> {
                int n = sim.command(request.content().toString(StandardCharsets.ISO_8859_1));
                return Reply.json(JSON.createObjectNode().put("commands", n));
            }
            default -> {
                return Reply.error(HttpResponseStatus.NOT_FOUND, "no POST " + path + "; see GET /status");
            }
        }
        return Reply.json(status());
    }

    private ObjectNode status() {
        ObjectNode node = JSON.createObjectNode();
        node.put("simulatedTime", sim.now().toString());
        node.put("seed", sim.seed());
        node.put("manualTime", sim.isManualTime());
        node.put("plugged", sim.isPlugged());
        node.put("port", sim.portPath().orElse(null));
        node.put("tcp", sim.tcpAddress().map(a -> a.getHostString() + ":" + a.getPort()).orElse(null));
        node.put("journalEntries", sim.journal().size());
        node.put("wireBytes", sim.journal().wireByteCount());
        ObjectNode load = node.putObject("load");
        load.put("extraWatts", sim.load().extraWatts());
        load.put("fixedWatts", sim.load().fixedWatts());
        load.put("wattsNow", sim.load().watts(sim.now()));
        node.set("faults", faults());
        return node;
    }

    private ObjectNode faults() {
        ObjectNode node = JSON.createObjectNode();
        sim.faults().active().forEach(f -> node.put(f.id(), f.amount()));
        return node;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("missing query parameter " + name);
        }
        return values.get(0);
    }

    private static Duration seconds(Map<String, List<String>> params, long fallback) {
        List<String> values = params.get("seconds");
        double s = values == null || values.isEmpty() ? fallback : Double.parseDouble(values.get(0));
        if (!(s > 0) || s > 30L * 86_400) {
            throw new IllegalArgumentException("seconds must be between 0 and 30 days");
        }
        return Duration.ofMillis((long) (s * 1000));
    }
}
