package dev.metertap.collector.emu2.session;

import dev.metertap.collector.emu2.command.CommandWriter;
import dev.metertap.collector.emu2.command.Emu2Command;
import dev.metertap.collector.emu2.transport.ByteTransport;
import dev.metertap.collector.emu2.wire.Emu2Message;
import dev.metertap.collector.emu2.wire.Warning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends commands one at a time. Writes are paced; each attempt waits for its reply (matched by
 * root element, and by meter when the command names one); a missing reply is retried a bounded
 * number of times with backoff; {@code Unknown command} fails at once. A command without a reply is done
 * when one reply timeout passes without {@code Unknown command}. Notifications keep flowing
 * to the session's listener meanwhile: the client only looks at them.
 *
 * <p>All state lives on one scheduler thread; other threads only hand it work.
 */
public final class Emu2Client implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Emu2Client.class);

    private final Emu2Options options;
    private final ScheduledExecutorService scheduler;
    private final Deque<Request<?>> queue = new ArrayDeque<>();
    private ByteTransport transport;
    private Request<?> outstanding;
    private long nextWriteNanos = System.nanoTime();  // pacing: no write before this
    private boolean pumpScheduled;

    Emu2Client(Emu2Options options) {
        this.options = options;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "emu2-commands");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends a command; the future completes with its reply, or fails with {@link NoReplyException} or {@link UnknownCommandException}. */
    public <R> CompletableFuture<R> send(Emu2Command<R> command) {
        Request<R> request = new Request<>(command);
        try {
            scheduler.execute(() -> {
                queue.add(request);
                pump();
            });
        } catch (RejectedExecutionException closed) {
            request.future.completeExceptionally(new NoReplyException(command.name(), "the session is closed"));
        }
        return request.future;
    }

    void connected(ByteTransport connectedTransport) {
        scheduler.execute(() -> {
            transport = connectedTransport;
            pump();
        });
    }

    void disconnected() {
        scheduler.execute(() -> transport = null);
    }

    void onMessage(Emu2Message message) {
        scheduler.execute(() -> {
            Request<?> request = outstanding;
            if (request == null) {
                return;
            }
            if (message instanceof Warning warning && warning.isUnknownCommand()) {
                finish(request, null, new UnknownCommandException(request.command.name()));
            } else if (request.accepts(message)) {
                finish(request, message, null);
            }
        });
    }

    private void pump() {
        if (outstanding != null || queue.isEmpty() || transport == null || pumpScheduled) {
            return;
        }
        long wait = nextWriteNanos - System.nanoTime();
        if (wait > 0) {
            pumpScheduled = true;
            scheduler.schedule(() -> {
                pumpScheduled = false;
                pump();
            }, wait, TimeUnit.NANOSECONDS);
            return;
        }
        outstanding = queue.poll();
        attempt(outstanding);
    }

    private void attempt(Request<?> request) {
        if (transport == null) {
            // not connected: back to the front of the queue until the session reconnects
            outstanding = null;
            queue.addFirst(request);
            return;
        }
        request.attempts++;
        try {
            transport.write(CommandWriter.toBytes(request.command));
            nextWriteNanos = System.nanoTime() + options.commandPace().toNanos();
        } catch (IOException e) {
            log.debug("writing {} failed: {}", request.command.name(), e.getMessage());
        }
        // a command without a reply is still answered 'Unknown command' when the device does not know it:
        // it stays outstanding for one reply timeout, so that warning is its answer and not the next command's
        request.timeout = scheduler.schedule(() -> timedOut(request), options.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void timedOut(Request<?> request) {
        if (outstanding != request) {
            return;
        }
        if (!request.command.expectsReply()) {
            finish(request, null, null);  // silence: the device took it
            return;
        }
        if (request.attempts >= options.attempts()) {
            finish(request, null, new NoReplyException(request.command.name(), request.attempts));
            return;
        }
        long backoff = options.retryBackoff().toMillis() << Math.min(request.attempts - 1, 6);
        log.debug("no reply to {} (attempt {}), retrying in {} ms", request.command.name(), request.attempts, backoff);
        scheduler.schedule(() -> {
            if (outstanding == request) {
                attempt(request);
            }
        }, backoff, TimeUnit.MILLISECONDS);
    }

    private void finish(Request<?> request, Emu2Message reply, Exception failure) {
        if (request.timeout != null) {
            request.timeout.cancel(false);
        }
        outstanding = null;
        request.complete(reply, failure);
        pump();
    }

    @Override
    public void close() {
        if (scheduler.isShutdown()) {
            return;
        }
        scheduler.execute(() -> {
            NoReplyException closed = new NoReplyException("pending command", "the session closed");
            if (outstanding != null) {
                outstanding.future.completeExceptionally(closed);
            }
            queue.forEach(request -> request.future.completeExceptionally(closed));
            queue.clear();
        });
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Request<R> {
        final Emu2Command<R> command;
        final CompletableFuture<R> future = new CompletableFuture<>();
        int attempts;
        ScheduledFuture<?> timeout;

        Request(Emu2Command<R> command) {
            this.command = command;
        }

        boolean accepts(Emu2Message message) {
            return command.expectsReply() && command.replyType().isInstance(message)
                    && (command.meter().isEmpty() || message.meterMacId().isEmpty()
                    || command.meter().equals(message.meterMacId()));
        }

        void complete(Emu2Message reply, Exception failure) {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(command.expectsReply() ? command.replyType().cast(reply) : null);
            }
        }
    }
}
