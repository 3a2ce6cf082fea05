package dk.udlaendinge.batch.notice.letter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;
import org.apache.pdfbox.pdmodel.PDDocument;

import dk.udlaendinge.batch.common.CaseDocumentLimits;
import dk.udlaendinge.batch.common.CaseDocumentRoot;

/**
 * A stored case document parsed as a PDF where it lies: opened through
 * {@link CaseDocumentRoot#openChannel} (no symbolic link followed, a PDF header, within
 * the size limit, not under the output or data folder) and read by PDFBox through the
 * channel, a buffer at a time, never whole into the heap. Closing the document closes the
 * file.
 */
public final class CaseDocumentPdf {

    private CaseDocumentPdf() {
    }

    /**
     * @throws CaseDocumentRoot.Refused when the file may not be read (our own words, no
     * path)
     * @throws IOException when PDFBox cannot parse it
     */
    public static PDDocument load(Path stored, CaseDocumentLimits limits) throws IOException {
        SeekableByteChannel channel = CaseDocumentRoot.openChannel(stored, limits);
        ChannelRead source = new ChannelRead(channel);
        try {
            return Loader.loadPDF(source);
        }
        catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * PDFBox's random access over an already opened channel, with a small read buffer.
     */
    static final class ChannelRead implements RandomAccessRead {

        private static final int BUFFER = 64 * 1024;

        private final SeekableByteChannel channel;

        private final long length;

        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);

        private long bufferStart;

        private int bufferLength;

        private long position;

        private boolean closed;

        ChannelRead(SeekableByteChannel channel) throws IOException {
            this.channel = channel;
            this.length = channel.size();
        }

        /** Makes the buffer hold {@code position}; false at the end of the file. */
        private boolean fill() throws IOException {
            if (closed) {
                throw new IOException("case document already closed");
            }
            if (position >= bufferStart && position < bufferStart + bufferLength) {
                return true;
            }
            if (position >= length) {
                return false;
            }
            bufferStart = position;
            channel.position(position);
            buffer.clear();
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read until the buffer is full or the file ends
            }
            bufferLength = buffer.position();
            return bufferLength > 0;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            int b = buffer.get((int) (position - bufferStart)) & 0xff;
            position++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int offset = (int) (position - bufferStart);
            int n = Math.min(len, bufferLength - offset);
            System.arraycopy(buffer.array(), offset, b, off, n);
            position += n;
            return n;
        }

        @Override
        public long getPosition() {
            return position;
        }

        @Override
        public void seek(long to) throws IOException {
            if (to < 0) {
                throw new IOException("invalid position " + to);
            }
            position = Math.min(to, length);
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public boolean isEOF() {
            return position >= length;
        }

        @Override
        public RandomAccessReadView createView(long start, long len) throws IOException {
            return new RandomAccessReadView(this, start, len);
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                channel.close();
            }
        }

    }

}
