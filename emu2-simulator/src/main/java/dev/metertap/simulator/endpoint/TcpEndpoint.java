package dev.metertap.simulator.endpoint;

import dev.metertap.simulator.device.DeviceSide;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The device behind a raw TCP socket, as ser2net serves a serial port: every connected client sees
 * the same stream from the moment it connects, and may send commands. Unplug disconnects everyone
 * and refuses clients until replug. A client that stops reading loses the stream beyond
 * {@link #CLIENT_BUFFER}'s high mark until it catches up, as an unread serial line does, so it cannot
 * fill the simulator's memory; its backlog counts in {@link #pendingBytes}, so an accelerated clock
 * waits for it as it waits for a slow pseudo-terminal reader.
 */
public final class TcpEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TcpEndpoint.class);
    static final WriteBufferWaterMark CLIENT_BUFFER = new WriteBufferWaterMark(
            (int) Outlet.MAX_PENDING_BYTES / 2, (int) Outlet.MAX_PENDING_BYTES);

    private final InetSocketAddress bind;
    private final DeviceSide device;
    private final Outlet outlet;
    private final ChannelGroup clients = new DefaultChannelGroup("emu2-clients", GlobalEventExecutor.INSTANCE);
    private volatile boolean plugged = true;
    private EventLoopGroup group;
    private Channel server;

    public TcpEndpoint(InetSocketAddress bind, DeviceSide device, WireTiming timing) {
        this.bind = bind;
        this.device = device;
        this.outlet = new Outlet("tcp", bytes -> clients.writeAndFlush(Unpooled.wrappedBuffer(bytes), Channel::isWritable),
                timing);
    }

    @Override
    public synchronized void start() throws IOException {
        group = new NioEventLoopGroup(1);
        try {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, CLIENT_BUFFER)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new Client(ch.remoteAddress().toString()));
                        }
                    })
                    .bind(bind).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully();
            throw new IOException("cannot listen on " + bind + ": " + e.getMessage(), e);
        }
        outlet.start();
        LOG.info("EMU-2 TCP stream at {}", address());
    }

    /** The address the server listens on (the real port when bound to 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public int clientCount() {
        return clients.size();
    }

    /** Waits until a host is connected; false if none came within {@code timeout}. */
    public boolean awaitClient(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (clients) {
            while (clients.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(clients, left);
            }
        }
        return true;
    }

    @Override
    public void send(byte[] bytes) {
        if (plugged && !clients.isEmpty()) {
            outlet.send(bytes);
        }
    }

    /** Closes every connection; the next ones are served at once (a TCP serial server that lost its device a moment). */
    public void dropClients() {
        outlet.clear();
        // waited for: a host's next connection is then the only client, and bytes sent go to it
        clients.close().awaitUninterruptibly(2000);
    }

    @Override
    public void unplug() {
        plugged = false;
        outlet.clear();
        clients.close();
    }

    @Override
    public void replug() {
        plugged = true;
    }

    @Override
    public boolean awaitWritten(long deadlineNanos) throws InterruptedException {
        return outlet.awaitDrained(deadlineNanos);
    }

    @Override
    public long pendingBytes() {
        long slowest = 0;
        for (Channel client : clients) {
            if (client.isActive()) {
                slowest = Math.max(slowest, CLIENT_BUFFER.high() - client.bytesBeforeUnwritable());
            }
        }
        return outlet.pendingBytes() + slowest;
    }

    @Override
    public synchronized void close() {
        outlet.close();
        if (server != null) {
            clients.close().awaitUninterruptibly(2000);
            server.close().awaitUninterruptibly(2000);
            group.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS).awaitUninterruptibly(3000);
            server = null;
        }
    }

    private final class Client extends ChannelInboundHandlerAdapter {
        private final CommandIntake intake;
        private final String origin;

        Client(String remote) {
            this.origin = "tcp:" + remote;
            this.intake = new CommandIntake(device, origin);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (!plugged) {
                ctx.close();
                return;
            }
            byte[] tail = device.staleTail(origin);
            if (tail.length > 0) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(tail));
            }
            clients.add(ctx.channel());
            synchronized (clients) {
                clients.notifyAll();
            }
            LOG.debug("client {} connected", origin);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                ByteBuf buf = (ByteBuf) msg;
                byte[] bytes = new byte[buf.readableBytes()];
                buf.readBytes(bytes);
                intake.accept(bytes, 0, bytes.length);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                LOG.info("client {} caught up; it gets the stream again", origin);
            } else {
                LOG.warn("client {} is not reading: its stream is dropped beyond {} unread bytes", origin, CLIENT_BUFFER.high());
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("client {}: {}", origin, cause.toString());
            ctx.close();
        }
    }
}
