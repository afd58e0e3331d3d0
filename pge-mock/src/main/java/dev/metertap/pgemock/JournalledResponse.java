package dev.metertap.pgemock;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.IntConsumer;

/**
 * A response that records its request in the journal, with its status, before the first byte of the answer can leave:
 * a client that has its answer finds its request journalled (a small body completes the response as it is written,
 * before the handler returns).
 */
final class JournalledResponse extends HttpServletResponseWrapper {

    private final IntConsumer record;
    private boolean recorded;

    JournalledResponse(HttpServletResponse response, IntConsumer record) {
        super(response);
        this.record = record;
    }

    /** Records the request with the status set so far, once; the handler ends with it for answers without a body. */
    void recordOnce() {
        if (!recorded) {
            recorded = true;
            record.accept(getStatus());
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        recordOnce();
        return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        recordOnce();
        return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
        recordOnce();
        super.flushBuffer();
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        setStatus(status);
        recordOnce();
        super.sendError(status, message);
    }

    @Override
    public void sendError(int status) throws IOException {
        setStatus(status);
        recordOnce();
        super.sendError(status);
    }
}
