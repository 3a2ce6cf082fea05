package dk.udlaendinge.batch.notice.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseDocumentFactoryTest {

    @TempDir
    Path dir;

    @Test
    void documentHasAboutTheRequestedSizeAndOpens() throws Exception {
        Path doc = CaseDocumentFactory.write(dir.resolve("guarantee.pdf"), 2_000_000, "Anfordringsgaranti");

        assertThat(Files.size(doc)).isCloseTo(2_000_000L, withPercentage(2));
        assertThat(Pdfs.pageCount(doc)).isEqualTo(1);
    }

    @Test
    void largeDocumentForcesAMessageOverTenMegabytes() throws Exception {
        Path doc = CaseDocumentFactory.write(dir.resolve("scan.pdf"), 8_000_000, "Scannet dokument");

        long base64 = (Files.size(doc) + 2) / 3 * 4;
        assertThat(base64).isGreaterThan(10L * 1024 * 1024);
    }

    @Test
    void contentDoesNotCompress() throws Exception {
        Path doc = CaseDocumentFactory.write(dir.resolve("noise.pdf"), 300_000, "Støj");
        byte[] bytes = Files.readAllBytes(doc);

        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_COMPRESSION))) {
            out.write(bytes);
        }
        assertThat((double) deflated.size()).isGreaterThan(bytes.length * 0.95);
    }

    @Test
    void smallRequestStillGivesAValidDocument() {
        Path doc = CaseDocumentFactory.write(dir.resolve("tiny.pdf"), 1, "Lille");

        assertThat(Pdfs.pageCount(doc)).isEqualTo(1);
    }

}
